// JsStorageBackend: a StorageBackend whose bytes are read and written by a JS object (Node's
// fs, or OPFS sync access handles in a browser Worker). The JS side registers the object on
// the module as Module.edgetallyStorage.get(id) before opening the engine; each call here is
// one synchronous call into it (see js/storage/README in the package for the contract).
#pragma once

#include "store/storage_backend.h"

namespace edgetally {

class JsStorageBackend : public StorageBackend {
 public:
  explicit JsStorageBackend(int backend_id) : backend_id_(backend_id) {}
  Result<std::unique_ptr<StorageFile>> Open(const std::string& path, bool create) override;
  Status Delete(const std::string& path) override;
  Result<bool> Exists(const std::string& path) override;

 private:
  int backend_id_;
};

}  // namespace edgetally
