// WriteBehindFile: a StorageFile wrapper that gathers a run of contiguous writes into one write
// of the file below. SQLite writes its rollback journal as three writes per page (page number,
// page, checksum) and a commit's database pages in page order, so an archival commit that
// journals ~5,000 pages made ~17,000 calls into the backend (each, in wasm, a call out to JS
// and a system call); gathered, they are a few dozen. Durability is unchanged: SQLite counts a
// byte written only once xSync returns, and Sync writes the run out before syncing. A process
// killed with a run still gathered loses it, exactly as a power cut loses writes not yet synced:
// the rollback journal's protocol is built for that (the database file is only written after
// the journal is synced, and a commit is only done when the database file is synced).
// Every other call (Read, Truncate, Size, Sync) and the destructor write the run out first, so
// the file below always answers as if each write had reached it.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "store/storage_backend.h"

namespace edgetally {

class WriteBehindFile : public StorageFile {
 public:
  // Runs are written out when they reach `max_run` bytes.
  explicit WriteBehindFile(std::unique_ptr<StorageFile> inner, int64_t max_run = int64_t{1} << 21);
  ~WriteBehindFile() override;  // writes the run out (a failure there is lost: call Flush first)
  WriteBehindFile(const WriteBehindFile&) = delete;
  WriteBehindFile& operator=(const WriteBehindFile&) = delete;

  Result<int64_t> Read(uint8_t* dst, int64_t size, int64_t offset) override;
  // Appends to the run when `offset` is where it ends (and the run stays under max_run);
  // otherwise writes the run out and starts a new one.
  Status Write(const uint8_t* src, int64_t size, int64_t offset) override;
  Status Truncate(int64_t size) override;
  Status Sync() override;
  Result<int64_t> Size() override;

  // Writes the gathered run to the file below (Ok when there is none).
  Status Flush();
  // Writes the file below has been asked for (for tests and probes).
  int64_t inner_writes() const { return inner_writes_; }

 private:
  std::unique_ptr<StorageFile> inner_;
  int64_t max_run_;
  int64_t run_offset_ = 0;
  std::vector<uint8_t> run_;
  int64_t inner_writes_ = 0;
};

}  // namespace edgetally
