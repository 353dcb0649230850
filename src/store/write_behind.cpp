// WriteBehindFile: one gathered run of contiguous bytes in front of a StorageFile.
#include "store/write_behind.h"

#include <utility>

namespace edgetally {

WriteBehindFile::WriteBehindFile(std::unique_ptr<StorageFile> inner, int64_t max_run)
    : inner_(std::move(inner)), max_run_(max_run) {}

WriteBehindFile::~WriteBehindFile() { (void)Flush(); }

Status WriteBehindFile::Flush() {
  if (run_.empty()) return Status::Ok();
  ++inner_writes_;
  Status s = inner_->Write(run_.data(), static_cast<int64_t>(run_.size()), run_offset_);
  run_.clear();  // written or failed: a failed run is reported once, as a failed write would be
  return s;
}

Status WriteBehindFile::Write(const uint8_t* src, int64_t size, int64_t offset) {
  bool extends = !run_.empty() && offset == run_offset_ + static_cast<int64_t>(run_.size());
  if (!extends || static_cast<int64_t>(run_.size()) + size > max_run_) {
    ET_RETURN_IF_ERROR(Flush());
    if (size >= max_run_) {  // a large write goes through as it is
      ++inner_writes_;
      return inner_->Write(src, size, offset);
    }
    run_offset_ = offset;
  }
  run_.insert(run_.end(), src, src + size);
  return Status::Ok();
}

Result<int64_t> WriteBehindFile::Read(uint8_t* dst, int64_t size, int64_t offset) {
  // Only a read that overlaps the run needs it written out first: elsewhere the file below
  // holds the same bytes (a hole before the run reads short and the VFS zero-fills it).
  bool overlaps = !run_.empty() && offset < run_offset_ + static_cast<int64_t>(run_.size()) && run_offset_ < offset + size;
  if (overlaps) ET_RETURN_IF_ERROR(Flush());
  return inner_->Read(dst, size, offset);
}

Status WriteBehindFile::Truncate(int64_t size) {
  ET_RETURN_IF_ERROR(Flush());
  return inner_->Truncate(size);
}

Status WriteBehindFile::Sync() {
  ET_RETURN_IF_ERROR(Flush());
  return inner_->Sync();
}

Result<int64_t> WriteBehindFile::Size() {
  ET_RETURN_IF_ERROR(Flush());
  return inner_->Size();
}

}  // namespace edgetally
