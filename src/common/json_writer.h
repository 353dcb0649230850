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
