// JsonWriter: appends JSON text directly, for results read many times a second (quota status),
// where building a JSON tree and serializing it costs more than the computation. The caller is
// responsible for well-formed nesting; Key/value calls insert the commas.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace edgetally {

class JsonWriter {
 public:
  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Double(double value);  // 15 significant digits; finite values only
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A value that is already JSON text (e.g. a stored metadata object), appended as is.
  JsonWriter& Raw(std::string_view json);
  // Ends a line of NDJSON: a newline, and the next value starts without a comma.
  JsonWriter& EndLine();
  void Reserve(size_t bytes) { out_.reserve(bytes); }
  size_t size() const { return out_.size(); }

  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  JsonWriter& Open(char c);
  JsonWriter& Close(char c);
  void Separate();
  std::string out_;
  bool need_comma_ = false;
};

}  // namespace edgetally
