// Cursor: "<kind><base64url of the keys joined by '.'>".
#include "metrics/cursor.h"

#include <charconv>

#include "common/args.h"

namespace edgetally {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string Base64(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t n = static_cast<uint8_t>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<uint8_t>(in[i + 1]) << 8;
    if (i + 2 < in.size()) n |= static_cast<uint8_t>(in[i + 2]);
    size_t chars = i + 2 < in.size() ? 4 : (i + 1 < in.size() ? 3 : 2);
    for (size_t c = 0; c < chars; ++c) out += kAlphabet[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

bool Unbase64(std::string_view in, std::string* out) {
  uint32_t n = 0;
  int bits = 0;
  for (char ch : in) {
    const char* at = std::char_traits<char>::find(kAlphabet, 64, ch);
    if (!at) return false;
    n = (n << 6) | static_cast<uint32_t>(at - kAlphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      *out += static_cast<char>((n >> bits) & 0xFF);
    }
  }
  return true;
}

Status Bad() { return InvalidField("cursor", "cursor", "cursor is not one this call returned"); }
}  // namespace

std::string EncodeCursor(char kind, const std::vector<int64_t>& keys) {
  std::string text;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i) text.push_back('.');
    text.append(std::to_string(keys[i]));
  }
  std::string cursor(1, kind);
  cursor.append(Base64(text));
  return cursor;
}

Result<std::vector<int64_t>> DecodeCursor(char kind, std::string_view cursor, size_t count) {
  std::string text;
  if (cursor.empty() || cursor[0] != kind || cursor.size() > 128 || !Unbase64(cursor.substr(1), &text)) return Bad();
  std::vector<int64_t> keys;
  const char* at = text.data();
  const char* end = text.data() + text.size();
  while (at < end) {
    int64_t value = 0;
    auto [next, error] = std::from_chars(at, end, value);
    if (error != std::errc()) return Bad();
    keys.push_back(value);
    at = next;
    if (at < end && *at++ != '.') return Bad();
  }
  if (keys.size() != count) return Bad();
  return keys;
}

}  // namespace edgetally
