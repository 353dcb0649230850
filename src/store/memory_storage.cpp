// MemoryStorage: files as shared byte vectors.
#include "store/memory_storage.h"

#include <algorithm>
#include <cstring>

namespace edgetally {

Result<int64_t> MemoryFile::Read(uint8_t* dst, int64_t size, int64_t offset) {
  int64_t available = static_cast<int64_t>(bytes_->size()) - offset;
  int64_t count = std::clamp<int64_t>(available, 0, size);
  if (count > 0) std::memcpy(dst, bytes_->data() + offset, static_cast<size_t>(count));
  return count;
}

Status MemoryFile::Write(const uint8_t* src, int64_t size, int64_t offset) {
  size_t end = static_cast<size_t>(offset + size);
  if (bytes_->size() < end) bytes_->resize(end);
  std::memcpy(bytes_->data() + offset, src, static_cast<size_t>(size));
  return Status::Ok();
}

Status MemoryFile::Truncate(int64_t size) {
  bytes_->resize(static_cast<size_t>(size));
  return Status::Ok();
}

Result<std::unique_ptr<StorageFile>> MemoryStorage::Open(const std::string& path, bool create) {
  auto it = files_.find(path);
  if (it == files_.end()) {
    if (!create) return Status(ErrorCode::IoError, "no such file: " + path);
    it = files_.emplace(path, std::make_shared<std::vector<uint8_t>>()).first;
  }
  return std::unique_ptr<StorageFile>(new MemoryFile(it->second));
}

Status MemoryStorage::Delete(const std::string& path) {
  files_.erase(path);
  return Status::Ok();
}

Result<bool> MemoryStorage::Exists(const std::string& path) {
  auto it = files_.find(path);
  return it != files_.end() && !it->second->empty();
}

}  // namespace edgetally
