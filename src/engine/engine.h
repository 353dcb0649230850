// Engine: the facade the bindings see. It owns the storage backend, the VFS on it and the one
// database connection, and runs named operations on JSON arguments ("createGroup",
// {"name": ..., "plan": ...}). Operations live in src/api/; the Engine only routes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "store/database.h"
#include "store/storage_backend.h"
#include "store/vfs.h"

namespace edgetally {

class Engine {
 public:
  // Opens the store at `path` on `backend`, migrating it to the latest schema. A null backend
  // opens a private in-memory store (path ignored). On failure nothing has been written:
  // NotADatabase, CorruptDatabase, SchemaTooNew, IoError.
  static Result<std::unique_ptr<Engine>> Open(std::unique_ptr<StorageBackend> backend,
                                              const std::string& path);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Runs operation `op` with `args` (a JSON object); UnknownOperation for an unknown op.
  // Never throws: a bug that throws inside comes back as Internal.
  Result<nlohmann::json> Call(std::string_view op, const nlohmann::json& args);
  // The same with the arguments as JSON text (what the bindings receive). Bulk operations read
  // the text in one pass; others parse it first. InvalidArgument for text that is not JSON.
  Result<nlohmann::json> CallText(std::string_view op, std::string_view args_json);

  // {deviceId, schemaVersion, sqliteVersion}.
  Result<nlohmann::json> Info();

  Database& db() { return *db_; }

 private:
  Engine() = default;
  Status Prepare();
  Status AddBackendContext(Status status) const;
  template <typename Run>
  Result<nlohmann::json> Guarded(std::string_view op, Run run);

  std::unique_ptr<StorageBackend> backend_;
  std::unique_ptr<Vfs> vfs_;
  std::unique_ptr<Database> db_;
};

}  // namespace edgetally
