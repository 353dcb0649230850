// Importer: one file import, fed in chunks: a reader for the format (CSV, NDJSON, JSON array)
// plus the record mapping, turning each chunk's records into checked things and row errors
// (with the record's line). Holds at most one record of the file at a time.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "batch/csv_reader.h"
#include "batch/json_array_reader.h"
#include "batch/ndjson_reader.h"
#include "batch/record_mapping.h"
#include "common/status.h"
#include "model/things.h"

namespace edgetally {

enum class ImportFormat { Csv, Ndjson, JsonArray };

struct ImportOptions {
  ImportFormat format = ImportFormat::Csv;
  RecordMapping mapping;
  CsvOptions csv;
};

// Reads importFile's arguments: format ("csv" | "ndjson" | "json"), type, mapping, delimiter
// (one character), hasHeader (CSV; default true).
Result<ImportOptions> ParseImportOptions(const nlohmann::json& args);

class Importer {
 public:
  explicit Importer(ImportOptions options);

  // Reads the next chunk of the file, appending its records to *out: things that passed the
  // fixed rules to out->valid, the others to out->errors; out->total counts both. A failed
  // Status is a file-level error (binary data, unterminated quote, unknown column...).
  Status Feed(std::string_view chunk, CheckedThings* out);
  // Ends the file (a last record without a line end; file-level errors at the end).
  Status Finish(CheckedThings* out);
  int64_t bytes_consumed() const;

 private:
  Status Run(std::string_view chunk, bool finish, CheckedThings* out);
  Status OnCsvRecord(const CsvRecord& record, CheckedThings* out);
  Status OnJsonRecord(const JsonRecord& record, CheckedThings* out);
  void AddRow(int64_t index, int64_t line, Result<NewThing> thing, CheckedThings* out);

  ImportOptions options_;
  std::variant<CsvReader, NdjsonReader, JsonArrayReader> reader_;
  std::optional<CsvRowMapper> csv_mapper_;
};

}  // namespace edgetally
