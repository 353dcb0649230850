// DeliverJsonRecord: validation with JsonScanner; UTF-8 is checked only when the scan fails, to
// give the more useful rule.
#include "batch/json_record.h"

#include <string>

#include "common/utf8.h"
#include "common/json_scanner.h"

namespace edgetally {

namespace {
const char* KindName(JsonScanner::Kind kind) {
  switch (kind) {
    case JsonScanner::Kind::Array:
      return "an array";
    case JsonScanner::Kind::String:
      return "a string";
    case JsonScanner::Kind::Number:
      return "a number";
    case JsonScanner::Kind::Bool:
      return "a boolean";
    case JsonScanner::Kind::Null:
      return "null";
    default:
      return "not an object";
  }
}

RecordError InvalidJson(const JsonRecord& record, const JsonScanner& scanner) {
  if (!IsValidUtf8(record.json)) {
    return {record.index, record.line, -1, "invalid_utf8", "the record is not valid UTF-8"};
  }
  std::string where = "line " + std::to_string(record.line + scanner.line() - 1) + ", byte " +
                      std::to_string(scanner.offset() + 1) + " of the record";
  std::string why = scanner.failed() ? scanner.error() : "unexpected text after the value";
  return {record.index, record.line, -1, "invalid_json", "invalid JSON on " + where + ": " + why};
}
}  // namespace

Status DeliverJsonRecord(const JsonRecord& record, const JsonRecordFn& on_record,
                         const ErrorFn& on_error) {
  JsonScanner scanner(record.json);
  JsonScanner::Kind kind = scanner.Peek();
  if (!scanner.SkipValue() || !scanner.AtEnd()) return on_error(InvalidJson(record, scanner));
  if (kind != JsonScanner::Kind::Object) {
    return on_error({record.index, record.line, -1, "not_an_object",
                     std::string("the record is ") + KindName(kind) + ", not a JSON object"});
  }
  return on_record(record);
}

}  // namespace edgetally
