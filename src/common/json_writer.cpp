// JsonWriter: comma bookkeeping and scalar formatting.
#include "common/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "common/json_text.h"

namespace edgetally {

void JsonWriter::Separate() {
  if (need_comma_) out_.push_back(',');
  need_comma_ = true;
}

JsonWriter& JsonWriter::Open(char c) {
  Separate();
  out_.push_back(c);
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::Close(char c) {
  out_.push_back(c);
  need_comma_ = true;
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  bool plain = key.size() < 64;  // the keys we write: short, nothing to escape
  for (char c : key) plain = plain && static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\';
  if (!plain) {
    Separate();
    AppendJsonString(&out_, key);
    out_.push_back(':');
    need_comma_ = false;
    return *this;
  }
  char buffer[68];  // ,"key": written in one append
  size_t length = 0;
  if (need_comma_) buffer[length++] = ',';
  buffer[length++] = '"';
  key.copy(buffer + length, key.size());
  length += key.size();
  buffer[length++] = '"';
  buffer[length++] = ':';
  out_.append(buffer, length);
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  Separate();
  AppendJsonString(&out_, value);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  Separate();
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out_.append(buffer, end);
  return *this;
}

JsonWriter& JsonWriter::Double(double value) {
  Separate();
  char buffer[32];  // 15 significant digits: exact for the decimals we write (e.g. 80.5)
  // Whole numbers and tenths (percentages) below 1e14 print as "%.15g" would, without it (slow
  // in wasm): "%.15g" rounds to 15 significant digits, so it shows a tenth's few-ulp error as
  // the tenth itself. Negative zero, other fractions and large values go through snprintf.
  double tenths = value * 10;
  if (tenths == std::floor(tenths) && std::fabs(tenths) < 1e14 && !(value == 0 && std::signbit(value))) {
    auto whole = static_cast<int64_t>(tenths);
    int64_t units = whole / 10, tenth = whole % 10;
    char* end = buffer;
    if (whole < 0) *end++ = '-';
    end = std::to_chars(end, buffer + sizeof buffer, units < 0 ? -units : units).ptr;
    if (tenth != 0) {
      *end++ = '.';
      *end++ = static_cast<char>('0' + (tenth < 0 ? -tenth : tenth));
    }
    out_.append(buffer, end);
    return *this;
  }
  int length = std::snprintf(buffer, sizeof buffer, "%.15g", value);
  out_.append(buffer, static_cast<size_t>(length));
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  Separate();
  out_.append(value ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json) {
  Separate();
  out_.append(json);
  return *this;
}

JsonWriter& JsonWriter::EndLine() {
  out_.push_back('\n');
  need_comma_ = false;
  return *this;
}

JsonWriter& JsonWriter::Null() {
  Separate();
  out_.append("null");
  return *this;
}

}  // namespace edgetally
