// JsonArrayReader: a small state machine outside elements (the '[', the commas, the ']'), and a
// byte scan inside an element that only tracks what decides where it ends: strings with their
// escapes, and bracket depth. The element's text is then validated by DeliverJsonRecord.
#include "batch/json_array_reader.h"

#include <string>

namespace edgetally {

namespace {
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view TrimEnd(std::string_view text) {
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}
}  // namespace

JsonArrayReader::JsonArrayReader(JsonArrayOptions options)
    : ChunkedReader(options.max_record_bytes), options_(options) {}

Status JsonArrayReader::EndInput(const JsonRecordFn& on_record, const ErrorFn& on_error) {
  if (phase_ == Phase::BeforeArray) {
    return FileError("empty_input", "the file is empty (no JSON array)", line_);
  }
  if (phase_ != Phase::AfterArray) {
    std::string message =
        "the JSON array opened on line " + std::to_string(array_line_) + " has no closing ']'";
    if (phase_ == Phase::InElement) {
      message += " (the input ends inside the element starting on line " +
                 std::to_string(element_line_) + ")";
    }
    return FileError("unterminated_array", std::move(message), array_line_);
  }
  return Status::Ok();
}

Status JsonArrayReader::Consume(std::string_view data, const JsonRecordFn& on_record,
                                const ErrorFn& on_error) {
  size_t i = 0;
  while (i < data.size()) {
    if (phase_ == Phase::InElement) {
      size_t end = ScanElement(data, i);
      buffer().Append(data.substr(i, end - i));
      if (end == data.size()) break;
      ET_RETURN_IF_ERROR(EndElement(data[end], on_record, on_error));
      i = end + 1;
      continue;
    }
    char c = data[i];
    if (IsSpace(c)) {
      line_ += c == '\n';
      ++i;
    } else if (phase_ == Phase::BeforeElement && c != ',' && c != ']') {
      phase_ = Phase::InElement;  // c is the element's first byte: scanned next round
      element_line_ = line_;
    } else {
      ++i;
      ET_RETURN_IF_ERROR(Punctuation(c, on_error));
    }
  }
  return Status::Ok();
}

// A byte outside elements that is not white space.
Status JsonArrayReader::Punctuation(char c, const ErrorFn& on_error) {
  switch (phase_) {
    case Phase::BeforeArray:
      if (c != '[') {
        return FileError("not_an_array",
                         "the file is not a JSON array: it must start with '[' (line " +
                             std::to_string(line_) + ")",
                         line_);
      }
      phase_ = Phase::BeforeElement;
      array_line_ = line_;
      return Status::Ok();
    case Phase::BeforeElement:  // c is ',' or ']' where an element should be
      if (c == ',' || after_comma_) ET_RETURN_IF_ERROR(EmptyElement(c, on_error));
      after_comma_ = c == ',';
      if (c == ']') phase_ = Phase::AfterArray;
      return Status::Ok();
    default:
      return FileError(
          "trailing_data",
          "unexpected text after the array's closing ']' on line " + std::to_string(line_), line_);
  }
}

// Scans element bytes from `from`; returns the index of the ',' or ']' that ends the element, or
// data.size() if it goes on past this piece.
size_t JsonArrayReader::ScanElement(std::string_view data, size_t from) {
  for (size_t i = from; i < data.size(); ++i) {
    char c = data[i];
    if (c == '\n') ++line_;
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
      }
      continue;
    }
    if (c == '"') {
      in_string_ = true;
    } else if (c == '{' || c == '[') {
      ++depth_;
    } else if ((c == '}' || c == ']') && depth_ > 0) {
      --depth_;
    } else if ((c == ',' || c == ']') && depth_ == 0) {
      return i;
    }
  }
  return data.size();
}

Status JsonArrayReader::EndElement(char delimiter, const JsonRecordFn& on_record,
                                   const ErrorFn& on_error) {
  Status status;
  if (buffer().overflowed()) {
    status = on_error(
        {next_index_++, element_line_, -1, "record_too_large",
         "the element is longer than " + std::to_string(options_.max_record_bytes) + " bytes"});
  } else {
    JsonRecord record{next_index_++, element_line_, TrimEnd(buffer().view())};
    status = DeliverJsonRecord(record, on_record, on_error);
  }
  buffer().Clear();
  depth_ = 0;
  phase_ = delimiter == ']' ? Phase::AfterArray : Phase::BeforeElement;
  after_comma_ = delimiter == ',';
  return status;
}

Status JsonArrayReader::EmptyElement(char at, const ErrorFn& on_error) {
  std::string what = at == ']' ? "a ',' just before the closing ']'" : "nothing before a ','";
  return on_error({next_index_++, line_, -1, "invalid_json",
                   "an empty element: " + what + " on line " + std::to_string(line_)});
}

}  // namespace edgetally
