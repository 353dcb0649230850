// JsonRecord: one record of a JSON import file (an NDJSON line or a JSON-array element), kept as
// its raw text so the importer scans it in place with JsonScanner. The NDJSON and JSON-array
// readers share the check that a record is exactly one JSON object, and the errors it gives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

#include "batch/record_error.h"
#include "common/status.h"

namespace edgetally {

// The limit both JSON readers take (NdjsonOptions, JsonArrayOptions): a record's text over it is
// a "record_too_large" RecordError, skipped without being held.
struct JsonReaderOptions {
  size_t max_record_bytes = 4 << 20;
};

struct JsonRecord {
  int64_t index = 0;      // 0-based record number, counting good and bad records alike
  int64_t line = 0;       // 1-based physical line where the record's text starts
  std::string_view json;  // one JSON object, valid UTF-8; valid only during the callback
};

// Called for each good record. A failed Status stops the reader and is returned by the Feed or
// Finish call that made the call.
using JsonRecordFn = std::function<Status(const JsonRecord&)>;

// Hands `record` to on_record if record.json is exactly one JSON object (surrounding white space
// allowed), and otherwise a RecordError to on_error: "invalid_utf8" (the text is not UTF-8),
// "invalid_json" (with the scanner's message, the file line and the byte within the record), or
// "not_an_object" (valid JSON of another kind). Returns the callback's Status.
Status DeliverJsonRecord(const JsonRecord& record, const JsonRecordFn& on_record,
                         const ErrorFn& on_error);

}  // namespace edgetally
