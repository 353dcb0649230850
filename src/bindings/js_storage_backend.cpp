// JsStorageBackend: EM_JS shims into the JS storage object. Offsets and sizes cross as doubles
// (exact up to 2^53 bytes); a negative return means failure, and lastError() says why.
#include "bindings/js_storage_backend.h"

#include <emscripten.h>

// clang-format off
EM_JS(int, et_js_open, (int backend, const char* path, int create), {
  return Module.edgetallyStorage.get(backend).open(UTF8ToString(path), create !== 0);
});
EM_JS(double, et_js_read, (int backend, int file, uint8_t* dst, double size, double offset), {
  return Module.edgetallyStorage.get(backend).read(file, HEAPU8.subarray(dst, dst + size), offset);
});
EM_JS(int, et_js_write, (int backend, int file, const uint8_t* src, double size, double offset), {
  return Module.edgetallyStorage.get(backend).write(file, HEAPU8.subarray(src, src + size), offset);
});
EM_JS(int, et_js_truncate, (int backend, int file, double size), {
  return Module.edgetallyStorage.get(backend).truncate(file, size);
});
EM_JS(int, et_js_sync, (int backend, int file), {
  return Module.edgetallyStorage.get(backend).sync(file);
});
EM_JS(double, et_js_size, (int backend, int file), {
  return Module.edgetallyStorage.get(backend).size(file);
});
EM_JS(void, et_js_close, (int backend, int file), {
  Module.edgetallyStorage.get(backend).close(file);
});
EM_JS(int, et_js_delete, (int backend, const char* path), {
  return Module.edgetallyStorage.get(backend).delete(UTF8ToString(path));
});
EM_JS(int, et_js_exists, (int backend, const char* path), {
  return Module.edgetallyStorage.get(backend).exists(UTF8ToString(path)) ? 1 : 0;
});
EM_JS(void, et_js_last_error, (int backend, char* out, int capacity), {
  stringToUTF8(String(Module.edgetallyStorage.get(backend).lastError || "unknown"), out, capacity);
});
// clang-format on

namespace edgetally {

namespace {

Status JsError(int backend, const std::string& what) {
  char message[512];
  et_js_last_error(backend, message, sizeof message);
  return Status(ErrorCode::IoError, what + ": " + message);
}

class JsFile : public StorageFile {
 public:
  JsFile(int backend, int file) : backend_(backend), file_(file) {}
  ~JsFile() override { et_js_close(backend_, file_); }
  JsFile(const JsFile&) = delete;
  JsFile& operator=(const JsFile&) = delete;

  Result<int64_t> Read(uint8_t* dst, int64_t size, int64_t offset) override {
    double got = et_js_read(backend_, file_, dst, size, offset);
    if (got < 0) return JsError(backend_, "read");
    return static_cast<int64_t>(got);
  }
  Status Write(const uint8_t* src, int64_t size, int64_t offset) override {
    return et_js_write(backend_, file_, src, size, offset) < 0 ? JsError(backend_, "write")
                                                              : Status::Ok();
  }
  Status Truncate(int64_t size) override {
    return et_js_truncate(backend_, file_, size) < 0 ? JsError(backend_, "truncate")
                                                     : Status::Ok();
  }
  Status Sync() override {
    return et_js_sync(backend_, file_) < 0 ? JsError(backend_, "sync") : Status::Ok();
  }
  Result<int64_t> Size() override {
    double size = et_js_size(backend_, file_);
    if (size < 0) return JsError(backend_, "size");
    return static_cast<int64_t>(size);
  }

 private:
  int backend_;
  int file_;
};

}  // namespace

Result<std::unique_ptr<StorageFile>> JsStorageBackend::Open(const std::string& path, bool create) {
  int file = et_js_open(backend_id_, path.c_str(), create ? 1 : 0);
  if (file < 0) return JsError(backend_id_, "open " + path);
  return std::unique_ptr<StorageFile>(new JsFile(backend_id_, file));
}

Status JsStorageBackend::Delete(const std::string& path) {
  return et_js_delete(backend_id_, path.c_str()) < 0 ? JsError(backend_id_, "delete " + path)
                                                     : Status::Ok();
}

Result<bool> JsStorageBackend::Exists(const std::string& path) {
  return et_js_exists(backend_id_, path.c_str()) == 1;
}

}  // namespace edgetally
