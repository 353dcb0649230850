// StorageBackend: the byte-level file system the SQLite VFS (vfs.h) runs on. The core only
// ever sees this interface; the backends are POSIX files (native builds, and wasm under Node
// with NODERAWFS in the unit tests), memory, and in the npm package a JS object (Node's fs or
// OPFS sync access handles, see src/bindings/js_storage_backend.cpp).
//
// Contract for implementers: calls are synchronous; Read may return fewer bytes than asked at
// end of file (the VFS zero-fills); Write extends the file as needed; Sync returns only after
// the bytes are durable; a failed call returns IoError and the VFS reports SQLITE_IOERR.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"

namespace edgetally {

class StorageFile {
 public:
  virtual ~StorageFile() = default;
  // Reads up to `size` bytes at `offset` into `dst`; returns how many were read.
  virtual Result<int64_t> Read(uint8_t* dst, int64_t size, int64_t offset) = 0;
  virtual Status Write(const uint8_t* src, int64_t size, int64_t offset) = 0;
  virtual Status Truncate(int64_t size) = 0;
  virtual Status Sync() = 0;
  virtual Result<int64_t> Size() = 0;
};

class StorageBackend {
 public:
  virtual ~StorageBackend() = default;
  // Opens the file at `path`, creating it when `create` is set and it does not exist.
  virtual Result<std::unique_ptr<StorageFile>> Open(const std::string& path, bool create) = 0;
  // Removes the file (a missing file is not an error). Backends that cannot remove files may
  // truncate instead, as long as Exists then reports false.
  virtual Status Delete(const std::string& path) = 0;
  // True when the file exists and is not empty.
  virtual Result<bool> Exists(const std::string& path) = 0;
};

}  // namespace edgetally
