// InputFront: the first stage of every batch reader, between the chunks the caller pushes and
// the reader's parser. It drops a UTF-8 byte order mark at the very start of the stream however
// the chunks split it, refuses binary input (a NUL byte, which no text import contains), counts
// bytes for progress, and latches the first failure so that every later call returns it again.
#pragma once

#include <cstdint>
#include <string_view>

#include "batch/record_error.h"
#include "common/status.h"

namespace edgetally {

class InputFront {
 public:
  // Passes the content of `chunk` to `sink` (a callable taking std::string_view and returning
  // Status) in order, in at most two pieces: bytes held back by an earlier call as a possible
  // BOM that turned out not to be one, then the rest. A NUL byte: the content before it goes to
  // the sink, then the call fails with FileError "binary_data" naming the NUL's line. A failure
  // of the sink is latched and returned. Fails at once if an earlier call failed or after
  // Finish().
  template <typename Sink>
  Status Feed(std::string_view chunk, Sink&& sink) {
    if (!status_.ok()) return status_;
    if (finished_) return Latch(FileError("reader_finished", "Feed after Finish", 0));
    return Deliver(TakeChunk(chunk), sink);
  }

  // Ends the stream: passes to `sink` the bytes still held as a possible BOM (an input that is
  // a strict prefix of a BOM is content), then marks the front finished.
  template <typename Sink>
  Status Finish(Sink&& sink) {
    if (!status_.ok()) return status_;
    if (finished_) return Latch(FileError("reader_finished", "Finish called twice", 0));
    finished_ = true;
    return Deliver(TakeEnd(), sink);
  }

  // Records `status` as the reader's failure if it failed (the first failure wins) and returns
  // the latched status.
  Status Latch(Status status);
  const Status& status() const { return status_; }
  // Bytes accepted by Feed so far, BOM included.
  int64_t bytes_consumed() const { return bytes_consumed_; }

 private:
  struct Pieces {
    std::string_view held;     // a BOM prefix that was held back and is content after all
    std::string_view content;  // the chunk's content, cut before a NUL byte
    int64_t nul_line = 0;      // >0: the line of a NUL byte that follows the content
  };
  Pieces TakeChunk(std::string_view chunk);
  Pieces TakeEnd();
  void CountLines(std::string_view content);

  template <typename Sink>
  Status Deliver(const Pieces& pieces, Sink& sink) {
    for (std::string_view piece : {pieces.held, pieces.content}) {
      if (piece.empty()) continue;
      Status status = sink(piece);
      if (!status.ok()) return Latch(std::move(status));
    }
    if (pieces.nul_line > 0) return Latch(BinaryDataError(pieces.nul_line));
    return Status::Ok();
  }
  static Status BinaryDataError(int64_t line);

  Status status_;
  bool finished_ = false;
  int bom_matched_ = 0;       // BOM bytes seen so far at the start of the stream
  bool bom_decided_ = false;  // the start of the stream is known to be, or not be, a BOM
  int64_t bytes_consumed_ = 0;
  int64_t newlines_ = 0;  // LF bytes passed to the sink, for the line of a NUL
};

}  // namespace edgetally
