// Vfs: a SQLite VFS whose bytes go through a StorageBackend. One Vfs per Engine; it registers
// itself with SQLite under a unique name on construction and unregisters on destruction, so
// pass name() to Database::Open. SQLite's temporary files stay in memory and never reach the
// backend. Locking is a no-op at this level: the store is owned exclusively one level up (a
// lock file in Node, the exclusive OPFS access handle in browsers), and SQLite runs in
// exclusive locking mode. The main database file's pages carry checksums kept by a PageGuard.
#pragma once

#include <string>

#include "common/status.h"
#include "store/page_guard.h"
#include "store/storage_backend.h"

struct sqlite3_vfs;

namespace edgetally {

class Vfs {
 public:
  explicit Vfs(StorageBackend& backend);
  ~Vfs();
  Vfs(const Vfs&) = delete;
  Vfs& operator=(const Vfs&) = delete;

  const std::string& name() const { return name_; }
  StorageBackend& backend() { return backend_; }
  // The most recent backend failure (Ok if none): SQLite reports only "disk I/O error", so
  // the Engine appends this to explain what the backend said.
  const Status& last_error() const { return last_error_; }
  void RecordError(const Status& status) { last_error_ = status; }

  // The checksum keeper of the main database file, and that file while SQLite has it open
  // (null otherwise; for the whole-file scan of verify: 'quick').
  PageGuard& guard() { return guard_; }
  StorageFile* main_file() { return main_file_; }
  void set_main_file(StorageFile* file) { main_file_ = file; }

  // Registers a fallback VFS as SQLite's default (memory-only), so SQLite internals that ask
  // for "the default VFS" find one. Called from sqlite3_os_init.
  static int RegisterDefault();

 private:
  StorageBackend& backend_;
  std::string name_;
  Status last_error_;
  PageGuard guard_;
  StorageFile* main_file_ = nullptr;
  sqlite3_vfs* vfs_;
};

}  // namespace edgetally
