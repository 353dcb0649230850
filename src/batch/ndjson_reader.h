// NdjsonReader: a push-based reader of NDJSON (JSON Lines) import files: one JSON object per
// line. The caller feeds the file in chunks of any size; the reader holds at most one line (up
// to max_record_bytes), never the file, so a file larger than memory imports in bounded memory.
//
// Input rules:
//   - Lines end with LF or CRLF; the last line needs no line end. A UTF-8 BOM at the very start
//     is skipped. Lines that are empty or only JSON white space (space, tab, CR) are skipped and
//     get no record index.
//   - Each other line must be exactly one JSON object (white space around it allowed). It is
//     delivered as a JsonRecord (raw text, 0-based index, 1-based line). Otherwise a RecordError
//     with rule "invalid_json", "invalid_utf8" or "not_an_object", and the reader goes on.
//   - A line longer than max_record_bytes (not counting its CRLF or LF) is a "record_too_large"
//     RecordError; the reader skips to the next LF without holding the line.
//   - File-level errors (a failed Status; the reader is then failed for good): a NUL byte
//     (rule "binary_data"), an input without any non-blank line (rule "empty_input"), and a
//     callback's failed Status, passed through unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "batch/chunked_reader.h"
#include "batch/json_record.h"
#include "batch/record_error.h"
#include "common/status.h"

namespace edgetally {

using NdjsonOptions = JsonReaderOptions;

// Feed(), Finish(), bytes_consumed() and buffered_bytes_high_water() are ChunkedReader's; the
// high water is bounded by about max_record_bytes.
class NdjsonReader : public ChunkedReader<JsonRecordFn> {
 public:
  explicit NdjsonReader(NdjsonOptions options = {});

 private:
  Status Consume(std::string_view data, const JsonRecordFn& on_record,
                 const ErrorFn& on_error) override;
  Status EndInput(const JsonRecordFn& on_record, const ErrorFn& on_error) override;
  Status EndLine(const JsonRecordFn& on_record, const ErrorFn& on_error);

  NdjsonOptions options_;  // buffer(): the current line, one byte over the limit for a CR
  int64_t line_number_ = 1;
  int64_t next_index_ = 0;
};

}  // namespace edgetally
