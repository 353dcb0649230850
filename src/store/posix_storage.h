// PosixStorage: a StorageBackend over POSIX files (open/pread/pwrite/fsync). Used by native
// builds and by the wasm unit tests under Node (linked with NODERAWFS, so the same calls reach
// the real disk). The npm package does not use it: there the JS backends do the I/O.
#pragma once

#include "store/storage_backend.h"

namespace edgetally {

class PosixStorage : public StorageBackend {
 public:
  Result<std::unique_ptr<StorageFile>> Open(const std::string& path, bool create) override;
  Status Delete(const std::string& path) override;
  Result<bool> Exists(const std::string& path) override;
};

}  // namespace edgetally
