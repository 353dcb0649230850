// ChunkedReader: the push-based shape all batch readers share (CsvReader, NdjsonReader,
// JsonArrayReader). The caller feeds a file in chunks of any size and then calls Finish(); the
// reader calls back for each record as soon as it is complete. This base owns what does not
// depend on the format: the InputFront (BOM, binary data, byte count, latched failure) and the
// one BoundedBuffer holding the record being read. A format implements Consume() and EndInput().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "batch/bounded_buffer.h"
#include "batch/input_front.h"
#include "batch/record_error.h"
#include "common/status.h"

namespace edgetally {

template <typename RecordFn>
class ChunkedReader {
 public:
  virtual ~ChunkedReader() = default;

  // Reads the next chunk of the file: calls on_record for each good record completed by it and
  // on_error for each bad one, in file order. Returns a failed Status only for a file-level error
  // (each reader lists its own) or a callback's failed Status, passed through unchanged; records
  // before the failure in the file have been delivered, and the reader stays failed: every later
  // call returns the same Status. How the file is split into chunks never changes the results.
  Status Feed(std::string_view chunk, const RecordFn& on_record, const ErrorFn& on_error) {
    return front_.Feed(chunk,
                       [&](std::string_view data) { return Consume(data, on_record, on_error); });
  }

  // Ends the input: delivers a last record the end of the input completes, then fails if the
  // format is left incomplete or the file was empty. Feed after Finish fails.
  Status Finish(const RecordFn& on_record, const ErrorFn& on_error) {
    ET_RETURN_IF_ERROR(
        front_.Finish([&](std::string_view data) { return Consume(data, on_record, on_error); }));
    return front_.Latch(EndInput(on_record, on_error));
  }

  // Bytes fed so far, for progress.
  int64_t bytes_consumed() const { return front_.bytes_consumed(); }
  // An upper bound of the bytes the reader ever held for one record; bounded by the reader's
  // limits whatever the input.
  virtual size_t buffered_bytes_high_water() const { return buffer_.high_water(); }

 protected:
  explicit ChunkedReader(size_t buffer_limit) : buffer_(buffer_limit) {}
  // Readers are values (an importer keeps one in a std::variant); protected: no slicing.
  ChunkedReader(const ChunkedReader&) = default;
  ChunkedReader(ChunkedReader&&) = default;
  ChunkedReader& operator=(const ChunkedReader&) = default;
  ChunkedReader& operator=(ChunkedReader&&) = default;

  // Parses the next piece of content (BOM removed, no NUL byte); returns a failed Status to stop.
  virtual Status Consume(std::string_view data, const RecordFn& on_record,
                         const ErrorFn& on_error) = 0;
  // The input has ended (Consume has seen all content).
  virtual Status EndInput(const RecordFn& on_record, const ErrorFn& on_error) = 0;

  InputFront& front() { return front_; }
  BoundedBuffer& buffer() { return buffer_; }
  const BoundedBuffer& buffer() const { return buffer_; }

 private:
  InputFront front_;
  BoundedBuffer buffer_;
};

}  // namespace edgetally
