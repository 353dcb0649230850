// PowerCut: a storage backend that "loses power" after N writes, truncates or syncs, standing
// in for a killed process: what reached the disk before stays, nothing after does. The write
// the power goes out in lands torn: its first whole pages up to half its size reach the disk (a
// process killed inside a large write: the VFS gathers contiguous writes into one, see
// store/write_behind.h). Used by the VFS test and the archival kill-point test, which try
// every N across a commit.
#pragma once

#include <memory>
#include <string>

#include "store/posix_storage.h"
#include "store/storage_backend.h"

namespace edgetally::test {

// Forwards to PosixStorage until `budget` writes/truncates/syncs are spent, then fails all of
// them: what reached the disk before stays, nothing after does.
class PowerCut : public StorageBackend {
 public:
  explicit PowerCut(int budget) : budget_(std::make_shared<int>(budget)) {}

  class File : public StorageFile {
   public:
    File(std::unique_ptr<StorageFile> inner, std::shared_ptr<int> budget)
        : inner_(std::move(inner)), budget_(std::move(budget)) {}
    Result<int64_t> Read(uint8_t* d, int64_t n, int64_t o) override { return inner_->Read(d, n, o); }
    Status Write(const uint8_t* s, int64_t n, int64_t o) override {
      if (Spend()) return inner_->Write(s, n, o);
      int64_t torn = (n / 2) & ~int64_t{4095};
      if (*budget_ == -1 && torn > 0) (void)inner_->Write(s, torn, o);  // the write the power went out in
      return Dead();
    }
    Status Truncate(int64_t n) override { return Spend() ? inner_->Truncate(n) : Dead(); }
    Status Sync() override { return Spend() ? inner_->Sync() : Dead(); }
    Result<int64_t> Size() override { return inner_->Size(); }

   private:
    bool Spend() { return (*budget_)-- > 0; }
    static Status Dead() { return Status(ErrorCode::IoError, "power cut"); }
    std::unique_ptr<StorageFile> inner_;
    std::shared_ptr<int> budget_;
  };

  Result<std::unique_ptr<StorageFile>> Open(const std::string& path, bool create) override {
    ET_ASSIGN_OR_RETURN(std::unique_ptr<StorageFile> inner, posix_.Open(path, create));
    return std::unique_ptr<StorageFile>(new File(std::move(inner), budget_));
  }
  Status Delete(const std::string& path) override {
    return (*budget_)-- > 0 ? posix_.Delete(path) : Status(ErrorCode::IoError, "power cut");
  }
  Result<bool> Exists(const std::string& path) override { return posix_.Exists(path); }
  bool spent() const { return *budget_ < 0; }

 private:
  PosixStorage posix_;
  std::shared_ptr<int> budget_;
};

}  // namespace edgetally::test
