// NdjsonReader: splits the content at LF, buffers the current line and hands complete lines to
// DeliverJsonRecord.
#include "batch/ndjson_reader.h"

#include <limits>
#include <string>

namespace edgetally {

namespace {
size_t LineLimit(size_t max_record_bytes) {
  return max_record_bytes == std::numeric_limits<size_t>::max() ? max_record_bytes
                                                                : max_record_bytes + 1;
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r") == std::string_view::npos;
}
}  // namespace

NdjsonReader::NdjsonReader(NdjsonOptions options)
    : ChunkedReader(LineLimit(options.max_record_bytes)), options_(options) {}

Status NdjsonReader::EndInput(const JsonRecordFn& on_record, const ErrorFn& on_error) {
  if (buffer().size() > 0 || buffer().overflowed()) {
    ET_RETURN_IF_ERROR(EndLine(on_record, on_error));
  }
  if (next_index_ == 0) {
    return FileError("empty_input", "the file has no JSON lines", line_number_);
  }
  return Status::Ok();
}

Status NdjsonReader::Consume(std::string_view data, const JsonRecordFn& on_record,
                             const ErrorFn& on_error) {
  while (!data.empty()) {
    size_t newline = data.find('\n');
    buffer().Append(data.substr(0, newline));
    if (newline == std::string_view::npos) break;
    ET_RETURN_IF_ERROR(EndLine(on_record, on_error));
    ++line_number_;
    data.remove_prefix(newline + 1);
  }
  return Status::Ok();
}

Status NdjsonReader::EndLine(const JsonRecordFn& on_record, const ErrorFn& on_error) {
  std::string_view text = buffer().view();
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  Status status;
  if (buffer().overflowed() || text.size() > options_.max_record_bytes) {
    status = on_error(
        {next_index_++, line_number_, -1, "record_too_large",
         "the line is longer than " + std::to_string(options_.max_record_bytes) + " bytes"});
  } else if (!IsBlank(text)) {
    status = DeliverJsonRecord({next_index_++, line_number_, text}, on_record, on_error);
  }
  buffer().Clear();
  return status;
}

}  // namespace edgetally
