// InputFront: BOM matching across chunk boundaries and the NUL check.
#include "batch/input_front.h"

#include <algorithm>
#include <string>

namespace edgetally {

namespace {
constexpr std::string_view kBom = "\xEF\xBB\xBF";
}  // namespace

Status InputFront::Latch(Status status) {
  if (status_.ok()) status_ = std::move(status);
  return status_;
}

Status InputFront::BinaryDataError(int64_t line) {
  return FileError("binary_data",
                   "binary data (a NUL byte) on line " + std::to_string(line) + ": not a text file",
                   line);
}

InputFront::Pieces InputFront::TakeChunk(std::string_view chunk) {
  bytes_consumed_ += static_cast<int64_t>(chunk.size());
  Pieces pieces;
  if (!bom_decided_) {
    size_t i = 0;
    while (bom_matched_ < 3 && i < chunk.size() && chunk[i] == kBom[bom_matched_]) {
      ++bom_matched_;
      ++i;
    }
    if (bom_matched_ < 3 && i == chunk.size()) return pieces;  // still maybe a BOM
    bom_decided_ = true;
    if (bom_matched_ < 3) pieces.held = kBom.substr(0, bom_matched_);
    chunk.remove_prefix(i);
  }
  size_t nul = chunk.find('\0');
  pieces.content = chunk.substr(0, nul);
  CountLines(pieces.content);
  if (nul != std::string_view::npos) pieces.nul_line = newlines_ + 1;
  return pieces;
}

InputFront::Pieces InputFront::TakeEnd() {
  Pieces pieces;
  if (!bom_decided_) {
    bom_decided_ = true;
    pieces.held = kBom.substr(0, bom_matched_);
  }
  return pieces;
}

void InputFront::CountLines(std::string_view content) {
  newlines_ += std::count(content.begin(), content.end(), '\n');
}

}  // namespace edgetally
