// Vfs: the sqlite3_vfs / sqlite3_io_methods callbacks, each a few lines that forward to the
// StorageBackend and translate Status into SQLite result codes.
#include "store/vfs.h"

#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>

#include "store/memory_storage.h"
#include "store/page_cache.h"
#include "store/write_behind.h"

namespace edgetally {

namespace {

struct VfsFile {
  sqlite3_file base;  // must be first: SQLite sees a sqlite3_file*
  StorageFile* file;
  Vfs* owner;
  PageGuard* guard;  // the main database file only
  WriteBehindFile* behind;  // `file` when it is a backend file (not SQLite's temporary files)
};

Vfs* OwnerOf(sqlite3_vfs* vfs) { return static_cast<Vfs*>(vfs->pAppData); }
VfsFile* FileOf(sqlite3_file* file) { return reinterpret_cast<VfsFile*>(file); }

int Fail(VfsFile* f, const Status& status, int code) {
  if (f->owner) f->owner->RecordError(status);
  return code;
}

int FileClose(sqlite3_file* file) {
  VfsFile* f = FileOf(file);
  if (f->guard) f->owner->set_main_file(nullptr);
  Status flushed = f->behind ? f->behind->Flush() : Status::Ok();
  delete f->file;
  f->file = nullptr;
  return flushed.ok() ? SQLITE_OK : Fail(f, flushed, SQLITE_IOERR_CLOSE);
}

int FileRead(sqlite3_file* file, void* dst, int amount, sqlite3_int64 offset) {
  VfsFile* f = FileOf(file);
  Result<int64_t> got = f->file->Read(static_cast<uint8_t*>(dst), amount, offset);
  if (!got.ok()) return Fail(f, got.status(), SQLITE_IOERR_READ);
  if (got.value() < amount) {
    std::memset(static_cast<uint8_t*>(dst) + got.value(), 0, amount - got.value());
    return SQLITE_IOERR_SHORT_READ;
  }
  if (f->guard && !f->guard->AfterRead(static_cast<uint8_t*>(dst), amount, offset)) {
    return Fail(f, f->guard->damage(), SQLITE_IOERR_DATA);
  }
  return SQLITE_OK;
}

int FileWrite(sqlite3_file* file, const void* src, int amount, sqlite3_int64 offset) {
  VfsFile* f = FileOf(file);
  // The checksum goes into SQLite's own buffer (a page of its cache), as PageGuard explains.
  auto* bytes = static_cast<uint8_t*>(const_cast<void*>(src));
  if (f->guard && !f->guard->BeforeWrite(bytes, amount, offset)) {
    return Fail(f, f->guard->damage(), SQLITE_IOERR_DATA);
  }
  Status s = f->file->Write(bytes, amount, offset);
  return s.ok() ? SQLITE_OK : Fail(f, s, SQLITE_IOERR_WRITE);
}

int FileTruncate(sqlite3_file* file, sqlite3_int64 size) {
  VfsFile* f = FileOf(file);
  if (f->guard && !f->guard->WritesAllowed()) return Fail(f, f->guard->damage(), SQLITE_IOERR_DATA);
  Status s = f->file->Truncate(size);
  return s.ok() ? SQLITE_OK : Fail(f, s, SQLITE_IOERR_TRUNCATE);
}

int FileSync(sqlite3_file* file, int) {
  VfsFile* f = FileOf(file);
  Status s = f->file->Sync();
  return s.ok() ? SQLITE_OK : Fail(f, s, SQLITE_IOERR_FSYNC);
}

int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  VfsFile* f = FileOf(file);
  Result<int64_t> got = f->file->Size();
  if (!got.ok()) return Fail(f, got.status(), SQLITE_IOERR_FSTAT);
  *size = got.value();
  return SQLITE_OK;
}

int FileLock(sqlite3_file*, int) { return SQLITE_OK; }
int FileCheckReservedLock(sqlite3_file*, int* reserved) {
  *reserved = 0;
  return SQLITE_OK;
}
int FileControl(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int FileSectorSize(sqlite3_file*) { return 4096; }
int FileDeviceCharacteristics(sqlite3_file*) { return SQLITE_IOCAP_UNDELETABLE_WHEN_OPEN; }

sqlite3_io_methods MakeIoMethods() {
  sqlite3_io_methods methods{};
  methods.iVersion = 1;
  methods.xClose = FileClose;
  methods.xRead = FileRead;
  methods.xWrite = FileWrite;
  methods.xTruncate = FileTruncate;
  methods.xSync = FileSync;
  methods.xFileSize = FileSize;
  methods.xLock = FileLock;
  methods.xUnlock = FileLock;
  methods.xCheckReservedLock = FileCheckReservedLock;
  methods.xFileControl = FileControl;
  methods.xSectorSize = FileSectorSize;
  methods.xDeviceCharacteristics = FileDeviceCharacteristics;
  return methods;
}
const sqlite3_io_methods kIoMethods = MakeIoMethods();

int VfsOpen(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  VfsFile* f = new (file) VfsFile{{nullptr}, nullptr, OwnerOf(vfs), nullptr, nullptr};
  bool is_temp = name == nullptr || (flags & SQLITE_OPEN_DELETEONCLOSE) ||
                 !(flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL));
  if (is_temp) {
    f->file = new MemoryFile();
  } else {
    Result<std::unique_ptr<StorageFile>> opened =
        f->owner->backend().Open(name, (flags & SQLITE_OPEN_CREATE) != 0);
    if (!opened.ok()) return Fail(f, opened.status(), SQLITE_CANTOPEN);
    // Writes gathered into runs (write_behind.h): the journal's three writes per page and a
    // commit's page-ordered database writes reach the backend as a few large writes.
    f->file = f->behind = new WriteBehindFile(std::move(opened).value());
    if (flags & SQLITE_OPEN_MAIN_DB) {
      f->guard = &f->owner->guard();
      f->owner->set_main_file(f->file);
    }
  }
  f->base.pMethods = &kIoMethods;
  if (out_flags) *out_flags = flags;
  return SQLITE_OK;
}

int VfsDelete(sqlite3_vfs* vfs, const char* name, int) {
  // Only the rollback journal is ever a file of ours to delete: a foreign database's "-wal" (which
  // this VFS never opens as a file) must survive a refused open.
  std::string_view path(name);
  constexpr std::string_view kJournal = "-journal";
  if (path.size() < kJournal.size() || path.substr(path.size() - kJournal.size()) != kJournal) return SQLITE_OK;
  Status s = OwnerOf(vfs)->backend().Delete(name);
  if (s.ok()) return SQLITE_OK;
  OwnerOf(vfs)->RecordError(s);
  return SQLITE_IOERR_DELETE;
}

int VfsAccess(sqlite3_vfs* vfs, const char* name, int, int* result) {
  Result<bool> exists = OwnerOf(vfs)->backend().Exists(name);
  *result = exists.ok() && exists.value();
  return SQLITE_OK;
}

int VfsFullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
  std::snprintf(out, size, "%s", name);
  return SQLITE_OK;
}

int VfsRandomness(sqlite3_vfs*, int size, char* out) {
  for (int done = 0; done < size; done += 256) {
    int chunk = size - done < 256 ? size - done : 256;
    if (getentropy(out + done, chunk) != 0) return done;
  }
  return size;
}

int VfsSleep(sqlite3_vfs*, int microseconds) { return microseconds; }

int VfsCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out) {
  using namespace std::chrono;
  constexpr sqlite3_int64 kUnixEpochJulianMs = 210866760000000LL;
  *out = kUnixEpochJulianMs +
         duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  return SQLITE_OK;
}

int VfsCurrentTime(sqlite3_vfs* vfs, double* out) {
  sqlite3_int64 ms = 0;
  VfsCurrentTimeInt64(vfs, &ms);
  *out = ms / 86400000.0;
  return SQLITE_OK;
}

int VfsGetLastError(sqlite3_vfs*, int, char*) { return 0; }

sqlite3_vfs MakeVfs(const char* name, void* app_data) {
  sqlite3_vfs vfs{};
  vfs.iVersion = 2;
  vfs.szOsFile = sizeof(VfsFile);
  vfs.mxPathname = 1024;
  vfs.zName = name;
  vfs.pAppData = app_data;
  vfs.xOpen = VfsOpen;
  vfs.xDelete = VfsDelete;
  vfs.xAccess = VfsAccess;
  vfs.xFullPathname = VfsFullPathname;
  vfs.xRandomness = VfsRandomness;
  vfs.xSleep = VfsSleep;
  vfs.xCurrentTime = VfsCurrentTime;
  vfs.xGetLastError = VfsGetLastError;
  vfs.xCurrentTimeInt64 = VfsCurrentTimeInt64;
  return vfs;
}

}  // namespace

Vfs::Vfs(StorageBackend& backend) : backend_(backend) {
  InstallPageCache();  // before the registration below initializes SQLite
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "edgetally-%p", static_cast<void*>(this));
  name_ = buffer;
  vfs_ = new sqlite3_vfs(MakeVfs(name_.c_str(), this));
  sqlite3_vfs_register(vfs_, 0);
}

Vfs::~Vfs() {
  sqlite3_vfs_unregister(vfs_);
  delete vfs_;
}

int Vfs::RegisterDefault() {
  static MemoryStorage storage;
  static Vfs fallback(storage);
  return sqlite3_vfs_register(fallback.vfs_, 1);
}

}  // namespace edgetally

// SQLITE_OS_OTHER builds leave OS setup to the application.
extern "C" int sqlite3_os_init(void) { return edgetally::Vfs::RegisterDefault(); }
extern "C" int sqlite3_os_end(void) { return SQLITE_OK; }
