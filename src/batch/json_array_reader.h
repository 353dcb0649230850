// JsonArrayReader: a push-based reader of JSON import files whose top-level value is an array
// of objects. The caller feeds the file in chunks of any size; the reader splits the array into
// elements by tracking strings, escapes and nesting depth across chunk boundaries, and holds at
// most one element (up to max_record_bytes), never the file.
//
// Input rules:
//   - A UTF-8 BOM at the very start is skipped. The top-level value must be an array ('[' is the
//     first byte after white space), closed by ']' with only white space after it.
//   - Each element must be one JSON object: it is delivered as a JsonRecord (its raw text without
//     surrounding white space, 0-based index, the 1-based line where it starts). Otherwise a
//     RecordError with rule "invalid_json", "invalid_utf8" or "not_an_object", and the reader
//     goes on with the next element. An empty element ("[1,,2]", "[1,]") is an "invalid_json"
//     RecordError; "[]" is an empty array (no records, not an error).
//   - An element whose text (up to the ',' or ']' after it) is longer than max_record_bytes is a
//     "record_too_large" RecordError; the reader skips it without holding it.
//   - File-level errors (a failed Status; the reader is then failed for good), each with a rule
//     in its details: a NUL byte ("binary_data"), no value at all ("empty_input"), a top-level
//     value that is not an array ("not_an_array"), input ending before the closing ']'
//     ("unterminated_array"), anything but white space after it ("trailing_data"), and a
//     callback's failed Status, passed through unchanged.
//   - Brackets are counted, not matched: a mismatched bracket inside an element makes that
//     element invalid_json if the element still ends where it should, and otherwise usually
//     leaves the array unterminated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "batch/chunked_reader.h"
#include "batch/json_record.h"
#include "batch/record_error.h"
#include "common/status.h"

namespace edgetally {

using JsonArrayOptions = JsonReaderOptions;

// Feed(), Finish(), bytes_consumed() and buffered_bytes_high_water() are ChunkedReader's; the
// high water is bounded by max_record_bytes.
class JsonArrayReader : public ChunkedReader<JsonRecordFn> {
 public:
  explicit JsonArrayReader(JsonArrayOptions options = {});

 private:
  enum class Phase { BeforeArray, BeforeElement, InElement, AfterArray };

  Status Consume(std::string_view data, const JsonRecordFn& on_record,
                 const ErrorFn& on_error) override;
  Status EndInput(const JsonRecordFn& on_record, const ErrorFn& on_error) override;
  Status Punctuation(char c, const ErrorFn& on_error);
  size_t ScanElement(std::string_view data, size_t from);
  Status EndElement(char delimiter, const JsonRecordFn& on_record, const ErrorFn& on_error);
  Status EmptyElement(char at, const ErrorFn& on_error);

  JsonArrayOptions options_;  // buffer(): the current element
  Phase phase_ = Phase::BeforeArray;
  int64_t line_ = 1;          // the line of the next byte
  int64_t array_line_ = 0;    // where '[' was
  int64_t element_line_ = 0;  // where the current element starts
  int64_t next_index_ = 0;
  bool after_comma_ = false;  // BeforeElement was entered by ',' (not by '[')
  // Scan state of the current element.
  int64_t depth_ = 0;
  bool in_string_ = false;
  bool escaped_ = false;
};

}  // namespace edgetally
