// JsonScanner: RFC 8259 syntax, checked byte by byte with a fast path for plain ASCII strings.
#include "common/json_scanner.h"

#include <cmath>
#include <cstdlib>
#include <string>

#include "common/utf8.h"

namespace edgetally {

namespace {
constexpr int kMaxDepth = 256;

// Bytes a string's fast path stops at: quote, backslash, control characters, non-ASCII.
struct StopTable {
  bool stop[256];
  constexpr StopTable() : stop() {
    for (int c = 0; c < 256; ++c) stop[c] = c == '"' || c == '\\' || c < 0x20 || c >= 0x80;
  }
};
constexpr StopTable kStringStops;
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
void AppendUtf8(std::string* out, uint32_t cp) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}
}  // namespace

void JsonScanner::SkipSpace() {
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') break;
    ++pos_;
  }
}

bool JsonScanner::Fail(std::string message) {
  if (error_.empty()) error_ = std::move(message);
  return false;
}

bool JsonScanner::Expect(char c, const char* what) {
  SkipSpace();
  if (pos_ < text_.size() && text_[pos_] == c) {
    ++pos_;
    return true;
  }
  return Fail(std::string("expected ") + what);
}

JsonScanner::Kind JsonScanner::Peek() {
  if (failed()) return Kind::Invalid;
  SkipSpace();
  if (pos_ >= text_.size()) return Kind::End;
  switch (text_[pos_]) {
    case '{': return Kind::Object;
    case '[': return Kind::Array;
    case '"': return Kind::String;
    case 't':
    case 'f': return Kind::Bool;
    case 'n': return Kind::Null;
    default: return (IsDigit(text_[pos_]) || text_[pos_] == '-') ? Kind::Number : Kind::Invalid;
  }
}

bool JsonScanner::AtEnd() {
  SkipSpace();
  return !failed() && pos_ >= text_.size();
}

bool JsonScanner::EnterObject() {
  if (failed() || !Expect('{', "'{'")) return false;
  first_in_container_ = true;
  return true;
}

bool JsonScanner::EnterArray() {
  if (failed() || !Expect('[', "'['")) return false;
  first_in_container_ = true;
  return true;
}

bool JsonScanner::AfterSeparator(char close, const char* what) {
  SkipSpace();
  if (pos_ < text_.size() && text_[pos_] == close) {  // "[1,]" fails later: value expected
    ++pos_;
    first_in_container_ = false;
    return false;
  }
  if (!first_in_container_ && !Expect(',', what)) return false;
  first_in_container_ = false;
  return true;
}

bool JsonScanner::NextKey(std::string* key) {
  if (failed() || !AfterSeparator('}', "',' or '}'")) return false;
  SkipSpace();
  if (pos_ >= text_.size() || text_[pos_] != '"') return Fail("expected a string key");
  key->clear();
  return ScanString(key) && Expect(':', "':'");
}

bool JsonScanner::NextElement() {
  if (failed()) return false;
  return AfterSeparator(']', "',' or ']'");
}

bool JsonScanner::ReadString(std::string* out) {
  if (Peek() != Kind::String) return Fail("expected a string");
  out->clear();
  return ScanString(out);
}

namespace {

// A valid JSON number literal read exactly without strtod when it can be: at most 15
// significant digits and a decimal exponent within +-22, so that the mantissa and the power of
// ten are both exact doubles and one multiplication or division rounds correctly (Clinger's
// fast path). False for anything else (the caller falls back to strtod).
bool FastNumber(std::string_view literal, double* out) {
  static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  size_t i = 0;
  bool negative = literal[0] == '-';
  if (negative) ++i;
  uint64_t mantissa = 0;
  int digits = 0, exponent = 0;
  for (; i < literal.size() && literal[i] >= '0' && literal[i] <= '9'; ++i, ++digits) {
    mantissa = mantissa * 10 + static_cast<uint64_t>(literal[i] - '0');
  }
  if (i < literal.size() && literal[i] == '.') {
    for (++i; i < literal.size() && literal[i] >= '0' && literal[i] <= '9'; ++i, ++digits, --exponent) {
      mantissa = mantissa * 10 + static_cast<uint64_t>(literal[i] - '0');
    }
  }
  if (i != literal.size() || digits > 15) return false;  // an exponent part, or too long
  if (exponent < -22) return false;
  double value = static_cast<double>(mantissa);
  value = exponent < 0 ? value / kPow10[-exponent] : value;
  *out = negative ? -value : value;
  return true;
}

}  // namespace

bool JsonScanner::ReadNumber(double* out) {
  if (Peek() != Kind::Number) return Fail("expected a number");
  size_t start = pos_;
  if (!ScanNumber()) return false;
  std::string_view literal = text_.substr(start, pos_ - start);
  if (FastNumber(literal, out)) return true;
  std::string digits(literal);
  *out = std::strtod(digits.c_str(), nullptr);
  return true;
}

bool JsonScanner::ReadBool(bool* out) {
  if (Peek() != Kind::Bool) return Fail("expected true or false");
  *out = text_[pos_] == 't';
  return ScanLiteral(*out ? "true" : "false");
}

bool JsonScanner::ReadNull() {
  if (Peek() != Kind::Null) return Fail("expected null");
  return ScanLiteral("null");
}

bool JsonScanner::SkipValue(std::string_view* raw) {
  if (failed()) return false;
  SkipSpace();
  size_t start = pos_;
  if (!SkipValueAt(0)) return false;
  if (raw) *raw = text_.substr(start, pos_ - start);
  return true;
}

bool JsonScanner::SkipValueAt(int depth) {
  if (depth > kMaxDepth) return Fail("nesting deeper than 256 levels");
  switch (Peek()) {
    case Kind::String: return ScanString(nullptr);
    case Kind::Number: return ScanNumber();
    case Kind::Bool: return ScanLiteral(text_[pos_] == 't' ? "true" : "false");
    case Kind::Null: return ScanLiteral("null");
    case Kind::Object: {
      EnterObject();
      std::string key;
      while (NextKey(&key)) {
        if (!SkipValueAt(depth + 1)) return false;
      }
      return !failed();
    }
    case Kind::Array: {
      EnterArray();
      while (NextElement()) {
        if (!SkipValueAt(depth + 1)) return false;
      }
      return !failed();
    }
    case Kind::End: return Fail("unexpected end of input");
    default: return Fail("expected a JSON value");
  }
}

bool JsonScanner::ScanLiteral(std::string_view word) {
  if (text_.substr(pos_, word.size()) != word) return Fail("invalid literal");
  pos_ += word.size();
  return true;
}

bool JsonScanner::ScanNumber() {
  size_t i = pos_;
  auto digits = [&] {
    size_t from = i;
    while (i < text_.size() && IsDigit(text_[i])) ++i;
    return i > from;
  };
  if (i < text_.size() && text_[i] == '-') ++i;
  if (i < text_.size() && text_[i] == '0') {
    ++i;
  } else if (!digits()) {
    return Fail("invalid number");
  }
  if (i < text_.size() && text_[i] == '.') {
    ++i;
    if (!digits()) return Fail("invalid number: digits expected after '.'");
  }
  bool has_exponent = i < text_.size() && (text_[i] == 'e' || text_[i] == 'E');
  if (has_exponent) {
    ++i;
    if (i < text_.size() && (text_[i] == '+' || text_[i] == '-')) ++i;
    if (!digits()) return Fail("invalid number: digits expected in exponent");
  }
  // Only an exponent or a very long literal can overflow a double (1e999): check those alone,
  // since converting every number is slow in wasm. JS would read such a number as Infinity.
  if (has_exponent || i - pos_ > 300) {
    std::string literal(text_.substr(pos_, i - pos_));
    if (!std::isfinite(std::strtod(literal.c_str(), nullptr))) {
      return Fail("number out of range (beyond a double)");
    }
  }
  pos_ = i;
  return true;
}

bool JsonScanner::ScanString(std::string* out) {
  size_t i = pos_ + 1;  // past the opening quote
  for (;;) {
    size_t run = i;
    while (i < text_.size() && !kStringStops.stop[static_cast<unsigned char>(text_[i])]) ++i;
    if (out) out->append(text_.data() + run, i - run);
    if (i >= text_.size()) {
      pos_ = i;
      return Fail("unterminated string");
    }
    unsigned char c = static_cast<unsigned char>(text_[i]);
    if (c == '"') {
      pos_ = i + 1;
      return true;
    }
    if (c < 0x20) {
      pos_ = i;
      return Fail("control character in string");
    }
    if (c == '\\') {
      pos_ = i;
      if (!ScanEscape(out)) return false;
      i = pos_;
      continue;
    }
    size_t start = i;
    if (!ScanUtf8(&i)) return false;
    if (out) out->append(text_.data() + start, i - start);
  }
}

bool JsonScanner::ScanUtf8(size_t* i) {
  size_t length = Utf8SequenceAt(text_, *i);
  if (length == 0) {
    pos_ = *i;
    return Fail("invalid UTF-8 in string");
  }
  *i += length;
  return true;
}

bool JsonScanner::ScanEscape(std::string* out) {
  if (pos_ + 1 >= text_.size()) return Fail("unterminated escape");
  char c = text_[pos_ + 1];
  const char* simple = "\"\\/bfnrt";
  const char* decoded = "\"\\/\b\f\n\r\t";
  for (int k = 0; simple[k]; ++k) {
    if (c == simple[k]) {
      if (out) out->push_back(decoded[k]);
      pos_ += 2;
      return true;
    }
  }
  if (c != 'u') return Fail("invalid escape");
  auto hex4 = [&](size_t at, uint32_t* v) {
    if (at + 4 > text_.size()) return false;
    *v = 0;
    for (size_t k = at; k < at + 4; ++k) {
      int h = HexValue(text_[k]);
      if (h < 0) return false;
      *v = (*v << 4) | static_cast<uint32_t>(h);
    }
    return true;
  };
  uint32_t cp = 0;
  if (!hex4(pos_ + 2, &cp)) return Fail("invalid \\u escape");
  pos_ += 6;
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    uint32_t low = 0;
    bool pair = text_.substr(pos_, 2) == "\\u" && hex4(pos_ + 2, &low) && low >= 0xDC00 &&
                low <= 0xDFFF;
    if (!pair) return Fail("unpaired surrogate in \\u escape");
    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    pos_ += 6;
  } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
    return Fail("unpaired surrogate in \\u escape");
  }
  if (out) AppendUtf8(out, cp);
  return true;
}

int64_t JsonScanner::line() const {
  int64_t line = 1;
  for (size_t i = 0; i < pos_ && i < text_.size(); ++i) line += text_[i] == '\n';
  return line;
}

int64_t JsonScanner::column() const {
  if (pos_ == 0) return 1;
  size_t newline = text_.rfind('\n', pos_ - 1);
  return static_cast<int64_t>(newline == std::string_view::npos ? pos_ + 1 : pos_ - newline);
}

}  // namespace edgetally
