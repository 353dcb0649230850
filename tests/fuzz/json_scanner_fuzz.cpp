// Fuzz target for JsonScanner: on any bytes SkipValue must not crash and must agree with
// nlohmann::json::accept on what is one valid JSON value (within the scanner's nesting limit,
// and apart from nlohmann's quirks, below); the pull API (Enter*/Next*/Read*) must walk every
// value SkipValue accepts, and must not crash on the others.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/json_scanner.h"

namespace {

using edgetally::JsonScanner;

// The deepest bracket nesting outside strings: past the scanner's limit the two may disagree.
int MaxDepth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (escaped) {
      escaped = false;
    } else if (in_string) {
      escaped = c == '\\';
      in_string = c != '"';
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

// Walks one value with the pull API; false on a scan error. Sets *overflow on a number too
// large for a double (valid JSON that nlohmann refuses).
bool Walk(JsonScanner& s, int depth, bool* overflow) {
  if (depth > 300) return false;
  std::string text;
  double number = 0;
  bool flag = false;
  switch (s.Peek()) {
    case JsonScanner::Kind::Object:
      if (!s.EnterObject()) return false;
      while (s.NextKey(&text)) {
        if (!Walk(s, depth + 1, overflow)) return false;
      }
      return !s.failed();
    case JsonScanner::Kind::Array:
      if (!s.EnterArray()) return false;
      while (s.NextElement()) {
        if (!Walk(s, depth + 1, overflow)) return false;
      }
      return !s.failed();
    case JsonScanner::Kind::String:
      return s.ReadString(&text);
    case JsonScanner::Kind::Number:
      if (!s.ReadNumber(&number)) return false;
      *overflow |= std::isinf(number);
      return true;
    case JsonScanner::Kind::Bool:
      return s.ReadBool(&flag);
    case JsonScanner::Kind::Null:
      return s.ReadNull();
    default:
      return false;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  JsonScanner skip(text);
  std::string_view raw;
  bool valid = skip.SkipValue(&raw) && skip.AtEnd();
  (void)skip.line();
  (void)skip.column();
  JsonScanner walk(text);
  bool overflow = false;
  bool walked = Walk(walk, 0, &overflow) && walk.AtEnd();
  if (valid && !walked) __builtin_trap();
  // nlohmann skips a leading BOM, stops at a NUL byte as if the text ended there, and refuses
  // numbers beyond a double's range.
  bool comparable = MaxDepth(text) < 250 && text.substr(0, 3) != "\xEF\xBB\xBF" &&
                    text.find('\0') == std::string_view::npos && !overflow;
  if (comparable && valid != nlohmann::json::accept(text)) __builtin_trap();
  return 0;
}
