// JsonScanner: a validating pull scanner over JSON text that builds no tree. Bulk paths (batch
// arguments, NDJSON and JSON-array files) read rows with it and keep nested values (properties)
// as their raw text, so a 20 MB batch is read once, in place, instead of parsed into a DOM and
// serialized again.
//
// Use: Peek() the next value's kind, then consume it with ReadString/ReadNumber/ReadBool/
// ReadNull/SkipValue, or walk containers with EnterObject+NextKey and EnterArray+NextElement.
// The first syntax error makes the scanner failed (every later call returns false); error()
// says what was expected and line()/column() where. Limits: nesting depth 256.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace edgetally {

class JsonScanner {
 public:
  enum class Kind { Object, Array, String, Number, Bool, Null, End, Invalid };

  explicit JsonScanner(std::string_view text) : text_(text) {}

  // The kind of the next value, after white space; End at the end of the text.
  Kind Peek();

  // Consumes '{'. Then NextKey(&key) returns true with the next member's key (the scanner is
  // then before its value) or false after the closing '}' (or on error: check failed()).
  bool EnterObject();
  bool NextKey(std::string* key);
  // Consumes '['. Then NextElement() returns true before each element, false after ']'.
  bool EnterArray();
  bool NextElement();

  bool ReadString(std::string* out);  // decodes escapes; rejects invalid UTF-8
  bool ReadNumber(double* out);
  bool ReadBool(bool* out);
  bool ReadNull();
  // Consumes and validates one value of any kind; `raw` receives its exact text.
  bool SkipValue(std::string_view* raw = nullptr);
  // True when only white space remains.
  bool AtEnd();

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  size_t offset() const { return pos_; }
  int64_t line() const;    // 1-based line of the current position (or of the error)
  int64_t column() const;  // 1-based byte column

 private:
  void SkipSpace();
  bool Fail(std::string message);
  bool Expect(char c, const char* what);
  bool ScanString(std::string* out);  // out may be null: validate only
  bool ScanNumber();
  bool ScanLiteral(std::string_view word);
  bool SkipValueAt(int depth);
  bool ScanUtf8(size_t* i);
  bool ScanEscape(std::string* out);
  // Container state: after Enter*, the first Next* must not expect a comma.
  bool AfterSeparator(char close, const char* what);

  std::string_view text_;
  size_t pos_ = 0;
  bool first_in_container_ = false;
  std::string error_;
};

}  // namespace edgetally
