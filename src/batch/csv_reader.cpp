// CsvReader: a byte-level state machine (RFC 4180 with the leniencies in the header). Runs of
// ordinary bytes inside a field are found with one search and appended at once; only
// delimiters, quotes and line ends go through Step(). A record that breaks a rule stops being
// buffered the moment it does (Problem()), so skipping it costs no memory.
#include "batch/csv_reader.h"

#include <string>

#include "common/utf8.h"

namespace edgetally {

namespace {
bool UsableDelimiter(char c) {
  return c != '"' && c != '\r' && c != '\n' && c != '\0' && static_cast<unsigned char>(c) < 0x80;
}
}  // namespace

CsvReader::CsvReader(CsvOptions options)
    : ChunkedReader(options.max_record_bytes),
      options_(options),
      header_pending_(options.has_header) {
  if (!UsableDelimiter(options_.delimiter)) {
    front().Latch(FileError(
        "invalid_options", "the CSV delimiter cannot be '\"', CR, LF, NUL or a non-ASCII byte", 0));
  }
}

size_t CsvReader::buffered_bytes_high_water() const {
  return buffer().high_water() + field_ends_.capacity() * sizeof(size_t) +
         out_.fields.capacity() * sizeof(std::string_view);
}

Status CsvReader::Consume(std::string_view data, const CsvRecordFn& on_record,
                          const ErrorFn& on_error) {
  Sinks sinks{on_record, on_error};
  size_t i = 0;
  while (i < data.size()) {
    if (state_ == State::Quoted || (state_ == State::Unquoted && !pending_cr_)) {
      i = TakeRun(data, i);
      if (i == data.size()) break;
    }
    ET_RETURN_IF_ERROR(Step(data[i++], sinks));
  }
  return Status::Ok();
}

// Appends the field bytes from `from` up to the next byte that means something in this state
// (a quote inside quotes; a delimiter, CR or LF outside) and returns that byte's index.
size_t CsvReader::TakeRun(std::string_view data, size_t from) {
  size_t end;
  if (state_ == State::Quoted) {
    end = data.find('"', from);
    if (end == std::string_view::npos) end = data.size();
    for (size_t k = from; k < end; ++k) line_ += data[k] == '\n';
  } else {
    const char stops[] = {options_.delimiter, '\r', '\n'};
    end = data.find_first_of(std::string_view(stops, 3), from);
    if (end == std::string_view::npos) end = data.size();
  }
  AppendData(data.substr(from, end - from));
  return end;
}

// One byte that is not part of a run: it may start or end a field, a quote or a record.
Status CsvReader::Step(char c, const Sinks& sinks) {
  if (pending_cr_) {
    pending_cr_ = false;
    if (c == '\n') {
      ++line_;
      return EndLine(sinks);
    }
    CrAsData();
  }
  if (state_ == State::RecordStart) record_line_ = line_;
  bool at_field_start = state_ == State::RecordStart || state_ == State::FieldStart;
  if (at_field_start && c == '"') {
    state_ = State::Quoted;
    quote_line_ = line_;
  } else if (state_ == State::Quoted) {  // the quote that ends a run inside quotes
    state_ = State::QuoteInQuoted;
  } else if (state_ == State::QuoteInQuoted && c == '"') {
    AppendData("\"");
    state_ = State::Quoted;
  } else if (c == options_.delimiter) {
    EndField();
    state_ = State::FieldStart;
  } else if (c == '\n') {
    ++line_;
    return EndLine(sinks);
  } else if (c == '\r') {
    pending_cr_ = true;
  } else {
    if (state_ == State::QuoteInQuoted) TextAfterQuote();
    AppendData(std::string_view(&c, 1));
    state_ = State::Unquoted;
  }
  return Status::Ok();
}

// A CR outside quotes that no LF followed is data (or text after a closing quote).
void CsvReader::CrAsData() {
  if (state_ == State::QuoteInQuoted) TextAfterQuote();
  if (state_ == State::RecordStart) record_line_ = line_;
  AppendData("\r");
  state_ = State::Unquoted;
}

void CsvReader::TextAfterQuote() {
  Problem("invalid_quote",
          FieldName(field_count_) + ": text after the closing quote of a quoted field",
          static_cast<int64_t>(field_count_));
}

// Checks both limits as if the bytes came one by one (the field limit first at each byte), so
// that the rule reported never depends on how the input was chunked.
void CsvReader::AppendData(std::string_view bytes) {
  size_t field_room = options_.max_field_bytes - field_bytes_;
  field_bytes_ += bytes.size();
  if (!problem_.rule.empty() || bytes.empty()) return;
  size_t record_room = options_.max_record_bytes - buffer().size();
  if (bytes.size() > field_room && field_room <= record_room) {
    Problem("field_too_large",
            FieldName(field_count_) + " is longer than " +
                std::to_string(options_.max_field_bytes) + " bytes",
            static_cast<int64_t>(field_count_));
  } else if (bytes.size() > record_room) {
    Problem("record_too_large",
            "the record is longer than " + std::to_string(options_.max_record_bytes) + " bytes");
  } else {
    buffer().Append(bytes);
  }
}

void CsvReader::EndField() {
  ++field_count_;
  field_bytes_ = 0;
  if (!problem_.rule.empty()) return;
  if (field_count_ > options_.max_fields) {
    Problem("too_many_fields",
            "the record has more than " + std::to_string(options_.max_fields) + " fields");
    return;
  }
  field_ends_.push_back(buffer().size());
}

void CsvReader::Problem(std::string rule, std::string message, int64_t field) {
  if (!problem_.rule.empty()) return;
  problem_.rule = std::move(rule);
  problem_.message = std::move(message);
  problem_.field = field;
}

std::string CsvReader::FieldName(size_t field) const {
  if (field < header_.size()) return "column \"" + header_[field] + "\"";
  return "field " + std::to_string(field + 1);
}

// A line end outside quotes: ends the record, unless the line was blank.
Status CsvReader::EndLine(const Sinks& sinks) {
  if (state_ == State::RecordStart) return Status::Ok();
  EndField();
  any_record_ = true;
  Status status = header_pending_ ? TakeHeader() : DeliverRecord(sinks);
  buffer().Clear();
  field_ends_.clear();
  field_count_ = 0;
  problem_ = RecordError();
  state_ = State::RecordStart;
  return status;
}

Status CsvReader::EndInput(const CsvRecordFn& on_record, const ErrorFn& on_error) {
  pending_cr_ = false;  // a CR at the very end is a line end
  if (state_ == State::Quoted) {
    return FileError(
        "unterminated_quote",
        "the quoted field opened on line " + std::to_string(quote_line_) + " is never closed",
        quote_line_);
  }
  ET_RETURN_IF_ERROR(EndLine(Sinks{on_record, on_error}));
  if (!any_record_) return FileError("empty_input", "the file is empty (no CSV records)", line_);
  return Status::Ok();
}

// Builds out_.fields over buffer() and returns the first broken rule (rule empty if none).
RecordError CsvReader::CheckFields(int64_t index) {
  RecordError error = problem_;
  error.index = index;
  error.line = record_line_;
  if (!error.rule.empty()) return error;  // the buffer no longer holds the record
  out_.fields.clear();
  size_t start = 0;
  for (size_t end : field_ends_) {
    out_.fields.push_back(buffer().view().substr(start, end - start));
    start = end;
  }
  if (width_ != 0 && out_.fields.size() != width_) {
    error.rule = "ragged_row";
    error.message = "the record has " + std::to_string(out_.fields.size()) + " fields, " +
                    (options_.has_header ? "the header has " : "the first good record has ") +
                    std::to_string(width_);
    return error;
  }
  for (size_t k = 0; k < out_.fields.size(); ++k) {
    if (!IsValidUtf8(out_.fields[k])) {
      error.rule = "invalid_utf8";
      error.message = FieldName(k) + " is not valid UTF-8";
      error.field = static_cast<int64_t>(k);
      return error;
    }
  }
  return error;
}

Status CsvReader::TakeHeader() {
  RecordError error = CheckFields(0);
  if (!error.rule.empty()) {
    return FileError("invalid_header",
                     "the header row (line " + std::to_string(record_line_) + ", " + error.rule +
                         "): " + error.message,
                     record_line_);
  }
  header_.assign(out_.fields.begin(), out_.fields.end());
  width_ = header_.size();
  header_pending_ = false;
  return Status::Ok();
}

Status CsvReader::DeliverRecord(const Sinks& sinks) {
  RecordError error = CheckFields(next_index_++);
  if (!error.rule.empty()) return sinks.on_error(error);
  if (width_ == 0) width_ = out_.fields.size();
  out_.index = error.index;
  out_.line = error.line;
  return sinks.on_record(out_);
}

}  // namespace edgetally
