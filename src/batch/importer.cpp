// Importer: reader dispatch and record conversion.
#include "batch/importer.h"

#include "common/args.h"

namespace edgetally {

namespace {

Result<ImportFormat> ParseFormat(const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(std::string format, RequireString(args, "format"));
  if (format == "csv") return ImportFormat::Csv;
  if (format == "ndjson" || format == "jsonl") return ImportFormat::Ndjson;
  if (format == "json") return ImportFormat::JsonArray;
  return InvalidField("format", "one_of", "format must be 'csv', 'ndjson' or 'json'");
}

std::variant<CsvReader, NdjsonReader, JsonArrayReader> MakeReader(const ImportOptions& options) {
  switch (options.format) {
    case ImportFormat::Csv: return CsvReader(options.csv);
    case ImportFormat::Ndjson: return NdjsonReader();
    case ImportFormat::JsonArray: return JsonArrayReader();
  }
  return CsvReader(options.csv);
}

}  // namespace

Result<ImportOptions> ParseImportOptions(const nlohmann::json& args) {
  ImportOptions options;
  ET_ASSIGN_OR_RETURN(options.format, ParseFormat(args));
  ET_ASSIGN_OR_RETURN(std::optional<std::string> type, OptionalString(args, "type"));
  ET_ASSIGN_OR_RETURN(options.mapping, RecordMapping::Parse(args.value("mapping", nlohmann::json()), type));
  ET_ASSIGN_OR_RETURN(std::optional<std::string> delimiter, OptionalString(args, "delimiter"));
  if (delimiter) {
    if (delimiter->size() != 1) return InvalidField("delimiter", "one_char", "delimiter must be one ASCII character");
    options.csv.delimiter = (*delimiter)[0];
  }
  auto header = args.find("hasHeader");
  if (header != args.end() && !header->is_null()) {
    if (!header->is_boolean()) return InvalidField("hasHeader", "boolean", "hasHeader must be true or false");
    options.csv.has_header = header->get<bool>();
  }
  if (options.format == ImportFormat::Csv && !options.csv.has_header) {
    return InvalidField("hasHeader", "required", "CSV imports need a header row naming the columns");
  }
  return options;
}

Importer::Importer(ImportOptions options) : options_(std::move(options)), reader_(MakeReader(options_)) {}

int64_t Importer::bytes_consumed() const {
  return std::visit([](const auto& reader) { return reader.bytes_consumed(); }, reader_);
}

void Importer::AddRow(int64_t index, int64_t line, Result<NewThing> thing, CheckedThings* out) {
  ++out->total;
  if (thing.ok()) {
    out->valid.push_back({index, std::move(thing).value(), line});
    return;
  }
  RowError error = RowErrorFrom(thing.status(), index);
  error.line = line;
  out->errors.push_back(std::move(error));
}

Status Importer::OnCsvRecord(const CsvRecord& record, CheckedThings* out) {
  if (!csv_mapper_) {
    ET_ASSIGN_OR_RETURN(CsvRowMapper mapper, CsvRowMapper::Bind(options_.mapping, std::get<CsvReader>(reader_).header()));
    csv_mapper_ = std::move(mapper);
  }
  AddRow(record.index, record.line, csv_mapper_->Map(record.fields), out);
  return Status::Ok();
}

Status Importer::OnJsonRecord(const JsonRecord& record, CheckedThings* out) {
  AddRow(record.index, record.line, MapJsonRecord(options_.mapping, record.json), out);
  return Status::Ok();
}

Status Importer::Run(std::string_view chunk, bool finish, CheckedThings* out) {
  ErrorFn on_error = [&](const RecordError& e) {
    ++out->total;
    out->errors.push_back(RowError{e.index, e.field >= 0 ? "column " + std::to_string(e.field + 1) : "", e.rule, e.message, e.line});
    return Status::Ok();
  };
  if (auto* csv = std::get_if<CsvReader>(&reader_)) {
    CsvRecordFn on_record = [&](const CsvRecord& r) { return OnCsvRecord(r, out); };
    return finish ? csv->Finish(on_record, on_error) : csv->Feed(chunk, on_record, on_error);
  }
  JsonRecordFn on_record = [&](const JsonRecord& r) { return OnJsonRecord(r, out); };
  if (auto* ndjson = std::get_if<NdjsonReader>(&reader_)) {
    return finish ? ndjson->Finish(on_record, on_error) : ndjson->Feed(chunk, on_record, on_error);
  }
  auto& array = std::get<JsonArrayReader>(reader_);
  return finish ? array.Finish(on_record, on_error) : array.Feed(chunk, on_record, on_error);
}

Status Importer::Feed(std::string_view chunk, CheckedThings* out) { return Run(chunk, false, out); }
Status Importer::Finish(CheckedThings* out) { return Run({}, true, out); }

}  // namespace edgetally
