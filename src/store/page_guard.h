// PageGuard: the keeper of page checksums (page_checksum.h) for one store's main database file.
// The VFS calls it on every read and write of that file: it learns the file's format and page
// size from page 1, stamps a checksum into every full page written, and checks every full page
// read. The first page that fails its check marks the store damaged: that read fails, and from
// then on every write and truncate of the file is refused, so its bytes never change again
// (the Engine also stops SQLite from starting write transactions, so reads of intact pages go
// on). Partial reads (SQLite's 100-byte header peeks) and the journal are not checked: SQLite
// reads each page whole before using it, and the journal has SQLite's own checksums.
#pragma once

#include <cstdint>

#include "common/status.h"
#include "store/storage_backend.h"

namespace edgetally {

class PageGuard {
 public:
  // After `amount` bytes at `offset` arrived in `data`. False when that page is damaged.
  bool AfterRead(const uint8_t* data, int amount, int64_t offset);
  // Before writing `data`: stamps full pages in place (SQLite's page cache then holds the same
  // bytes as the file, which the rollback journal relies on). False when writes are refused.
  bool BeforeWrite(uint8_t* data, int amount, int64_t offset);
  bool WritesAllowed() const { return damage_.ok(); }

  // Stamp pages from now on, before SQLite has written a page 1 that says so: for a new store,
  // and the VACUUM that upgrades an earlier one. Any later page-1 write decides again.
  void ExpectChecksums() { checksummed_ = true; }
  bool checksummed() const { return checksummed_; }

  // Reads every page of `file` and checks it: Ok, or the CorruptDatabase of the first damaged
  // page (which also marks the store damaged). Ok for a file without checksums.
  Status VerifyAll(StorageFile& file);
  // Ok until damage is seen; then CorruptDatabase naming the page.
  const Status& damage() const { return damage_; }

 private:
  void Learn(const uint8_t* data, int amount, int64_t offset);
  bool IsWholePage(int amount, int64_t offset) const;
  void MarkDamaged(uint32_t page_number);

  int page_size_ = 0;
  bool checksummed_ = false;
  Status damage_;
};

}  // namespace edgetally
