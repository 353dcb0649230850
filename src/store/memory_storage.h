// MemoryStorage: a StorageBackend held in process memory. The VFS uses MemoryFile for SQLite's
// temporary files; tests use MemoryStorage as a fast, inspectable backend.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "store/storage_backend.h"

namespace edgetally {

class MemoryFile : public StorageFile {
 public:
  explicit MemoryFile(std::shared_ptr<std::vector<uint8_t>> bytes) : bytes_(std::move(bytes)) {}
  MemoryFile() : bytes_(std::make_shared<std::vector<uint8_t>>()) {}
  Result<int64_t> Read(uint8_t* dst, int64_t size, int64_t offset) override;
  Status Write(const uint8_t* src, int64_t size, int64_t offset) override;
  Status Truncate(int64_t size) override;
  Status Sync() override { return Status::Ok(); }
  Result<int64_t> Size() override { return static_cast<int64_t>(bytes_->size()); }

 private:
  std::shared_ptr<std::vector<uint8_t>> bytes_;
};

class MemoryStorage : public StorageBackend {
 public:
  Result<std::unique_ptr<StorageFile>> Open(const std::string& path, bool create) override;
  Status Delete(const std::string& path) override;
  Result<bool> Exists(const std::string& path) override;

 private:
  std::map<std::string, std::shared_ptr<std::vector<uint8_t>>> files_;
};

}  // namespace edgetally
