// RunReader: feeds an input to a batch reader (CsvReader, NdjsonReader, JsonArrayReader) whole or
// in chunks of given sizes and keeps everything it reported, plus a transcript of it in file
// order. The readers must report the same whatever the chunking, so two runs of the same input
// are compared by their transcripts. Shared by the core tests (tests/core/*_reader_test.cpp)
// and the fuzz targets; header-only so both build it without a library of their own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "batch/csv_reader.h"
#include "batch/json_record.h"
#include "batch/record_error.h"
#include "common/status.h"

namespace edgetally::test {

using Rows = std::vector<std::vector<std::string>>;

struct ReaderRun {
  Rows records;                // CSV: the fields; JSON: one string, the text
  std::vector<int64_t> lines;  // each record's line
  std::vector<RecordError> errors;
  Status status;           // the first failed Feed or Finish, else OK
  std::string transcript;  // every record, error and the status, in order, with all details
};

// `text` with quotes, backslashes and bytes below 0x20 escaped, between quotes: unambiguous.
inline std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[(c >> 4) & 0xF];
      out += hex[c & 0xF];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

inline std::vector<std::string> Fields(const CsvRecord& record) {
  return {record.fields.begin(), record.fields.end()};
}
inline std::vector<std::string> Fields(const JsonRecord& record) {
  return {std::string(record.json)};
}

// Feeds `input` in chunks whose sizes cycle through `chunk_sizes` (empty: one chunk; a 0 size
// counts as 1), stopping at the first failure, then calls Finish.
template <typename Reader>
ReaderRun RunReader(Reader& reader, std::string_view input,
                    const std::vector<size_t>& chunk_sizes = {}) {
  ReaderRun run;
  auto on_record = [&](const auto& record) {
    run.records.push_back(Fields(record));
    run.lines.push_back(record.line);
    run.transcript +=
        "record #" + std::to_string(record.index) + " line " + std::to_string(record.line) + ":";
    for (const std::string& field : run.records.back()) run.transcript += " " + Quoted(field);
    run.transcript += "\n";
    return Status::Ok();
  };
  auto on_error = [&](const RecordError& error) {
    run.errors.push_back(error);
    run.transcript += "error #" + std::to_string(error.index) + " line " +
                      std::to_string(error.line) + " field " + std::to_string(error.field) + " " +
                      error.rule + ": " + Quoted(error.message) + "\n";
    return Status::Ok();
  };
  size_t at = 0;
  for (size_t k = 0; at < input.size() && run.status.ok(); ++k) {
    size_t size = chunk_sizes.empty() ? input.size() : chunk_sizes[k % chunk_sizes.size()];
    std::string_view chunk = input.substr(at, size == 0 ? 1 : size);
    at += chunk.size();
    run.status = reader.Feed(chunk, on_record, on_error);
  }
  if (run.status.ok()) run.status = reader.Finish(on_record, on_error);
  run.transcript +=
      "status: " + Quoted(run.status.ToString()) + " " + run.status.details().dump() + "\n";
  return run;
}

// A new Reader(options) fed `input` whole.
template <typename Reader, typename Options>
ReaderRun ReadAll(std::string_view input, const Options& options) {
  Reader reader(options);
  return RunReader(reader, input);
}

// The rule of a file-level failure ("ok" if none), and the rules of the record errors.
inline std::string FileRule(const ReaderRun& run) {
  return run.status.ok() ? "ok" : run.status.details().value("rule", "?");
}
inline std::vector<std::string> Rules(const ReaderRun& run) {
  std::vector<std::string> rules;
  for (const RecordError& error : run.errors) rules.push_back(error.rule);
  return rules;
}

// Runs `input` whole, then in chunks of each size from 1 to max_chunk, each time on a new reader
// from make_reader(); returns the first chunk size whose transcript differs from the whole
// run's, or 0 if none does.
template <typename MakeReader>
size_t FirstChunkingDifference(const MakeReader& make_reader, std::string_view input,
                               size_t max_chunk) {
  auto whole_reader = make_reader();
  std::string whole = RunReader(whole_reader, input).transcript;
  for (size_t size = 1; size <= max_chunk; ++size) {
    auto reader = make_reader();
    if (RunReader(reader, input, {size}).transcript != whole) return size;
  }
  return 0;
}

}  // namespace edgetally::test
