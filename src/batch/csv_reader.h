// CsvReader: a push-based reader of CSV import files (RFC 4180). The caller feeds the file in
// chunks of any size; the reader holds at most one record (up to max_record_bytes; a field
// over max_field_bytes is skipped, not held), never the file, so a file larger than memory
// imports in bounded memory.
//
// Input rules:
//   - Records end with LF or CRLF; the last record needs no line end. A CR is part of a line end
//     when an LF or the end of the input follows it; any other CR outside quotes is data. Line
//     numbers count LFs only (a lone CR does not start a line).
//   - Fields are separated by `delimiter`. A field that starts with '"' is quoted: it may hold
//     delimiters, CR, LF and CRLF, and "" stands for one '"'. After its closing quote only a
//     delimiter or a line end may follow; anything else makes the record an "invalid_quote"
//     RecordError. A '"' inside an unquoted field (ab"c) is kept as data.
//   - A UTF-8 BOM at the very start is skipped. Blank lines (nothing at all before the line end)
//     between records are skipped and get no record index; a line of white space is a record.
//   - With has_header, the first record gives the column names (header()); it is not delivered.
//     A header that breaks a rule below is a file-level error ("invalid_header"). A file with
//     only a header delivers no records and is not an error.
//   - Each other record is delivered as a CsvRecord, or, if it breaks one of these rules, as one
//     RecordError (the first rule it breaks) and the reader goes on with the next record:
//     "field_too_large" (a field over max_field_bytes), "record_too_large" (the record's field
//     bytes over max_record_bytes), "too_many_fields" (over max_fields), "invalid_quote",
//     "ragged_row" (its field count differs from the header's, or without a header from the
//     first good record's), "invalid_utf8" (a field that is not UTF-8).
//   - File-level errors (a failed Status with a rule in its details; the reader is then failed
//     for good): a NUL byte ("binary_data", with its line), a quoted field still open at the end
//     ("unterminated_quote", naming the line where the quote opened), an input without any
//     record ("empty_input": no bytes, only a BOM or only blank lines), "invalid_header", a
//     delimiter that cannot work ("invalid_options": '"', CR, LF, NUL or a non-ASCII byte), and
//     a callback's failed Status, passed through unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "batch/chunked_reader.h"
#include "batch/record_error.h"
#include "common/status.h"

namespace edgetally {

struct CsvOptions {
  char delimiter = ',';
  bool has_header = true;
  size_t max_field_bytes = 1 << 20;
  size_t max_record_bytes = 4 << 20;
  size_t max_fields = 16384;  // Excel's column limit; bounds the per-field bookkeeping
};

struct CsvRecord {
  int64_t index = 0;                     // 0-based data record number (the header is not counted)
  int64_t line = 0;                      // 1-based physical line where the record starts
  std::vector<std::string_view> fields;  // unquoted, valid UTF-8; valid only during the callback
};

// Called for each good record. A failed Status stops the reader and is returned by the Feed or
// Finish call that made the call.
using CsvRecordFn = std::function<Status(const CsvRecord&)>;

// Feed(), Finish() and bytes_consumed() are ChunkedReader's.
class CsvReader : public ChunkedReader<CsvRecordFn> {
 public:
  explicit CsvReader(CsvOptions options = {});

  // The column names, once the header has been read (empty without has_header).
  const std::vector<std::string>& header() const { return header_; }
  // The record buffer's high water plus the per-field bookkeeping: at most about
  // max_record_bytes + 48 * max_fields, whatever the input.
  size_t buffered_bytes_high_water() const override;

 private:
  enum class State { RecordStart, FieldStart, Unquoted, Quoted, QuoteInQuoted };
  struct Sinks {
    const CsvRecordFn& on_record;
    const ErrorFn& on_error;
  };

  Status Consume(std::string_view data, const CsvRecordFn& on_record,
                 const ErrorFn& on_error) override;
  Status EndInput(const CsvRecordFn& on_record, const ErrorFn& on_error) override;
  size_t TakeRun(std::string_view data, size_t from);
  Status Step(char c, const Sinks& sinks);
  void CrAsData();
  void TextAfterQuote();
  void AppendData(std::string_view bytes);
  void EndField();
  Status EndLine(const Sinks& sinks);
  Status TakeHeader();
  Status DeliverRecord(const Sinks& sinks);
  RecordError CheckFields(int64_t index);
  void Problem(std::string rule, std::string message, int64_t field = -1);
  std::string FieldName(size_t field) const;

  CsvOptions options_;              // buffer(): the current record's field bytes, back to back
  std::vector<size_t> field_ends_;  // where each field of the current record ends in buffer()
  CsvRecord out_;                   // the record handed to on_record, reused
  std::vector<std::string> header_;
  bool header_pending_;
  size_t width_ = 0;  // the expected field count; 0 until known
  State state_ = State::RecordStart;
  bool pending_cr_ = false;  // a CR outside quotes: a line end if LF or the end follows
  size_t field_bytes_ = 0;
  size_t field_count_ = 0;
  int64_t line_ = 1;  // the line of the next byte
  int64_t record_line_ = 1;
  int64_t quote_line_ = 0;  // where the open quoted field started
  int64_t next_index_ = 0;
  bool any_record_ = false;
  RecordError problem_;  // the current record's first broken rule; rule empty if none
};

}  // namespace edgetally
