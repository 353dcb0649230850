// What every batch reader reports besides good records: RecordError, one bad record that the
// reader skipped before going on with the next, and file-level failures, which end the import.
// Shared by the CSV, NDJSON and JSON-array readers so that the importer handles all three alike.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "common/status.h"

namespace edgetally {

// One bad record. `rule` is a stable machine name ("ragged_row", "field_too_large",
// "record_too_large", "too_many_fields", "invalid_quote", "invalid_utf8", "invalid_json",
// "not_an_object"); `message` is for people.
struct RecordError {
  int64_t index = 0;   // 0-based record number, counting good and bad records alike
  int64_t line = 0;    // 1-based physical line where the record starts
  int64_t field = -1;  // 0-based CSV column when the rule is about one field, else -1
  std::string rule;
  std::string message;
};

// Called for each bad record. A failed Status stops the reader and is returned by the Feed or
// Finish call that made the call (an importer uses this to stop after too many errors).
using ErrorFn = std::function<Status(const RecordError&)>;

// A file-level failure: InvalidArgument with details {"rule": rule, "line": line}, e.g.
// FileError("binary_data", "binary data (a NUL byte) on line 3", 3).
Status FileError(std::string rule, std::string message, int64_t line);

}  // namespace edgetally
