// Engine: open sequence and operation routing.
#include "engine/engine.h"

#include <exception>

#include <sqlite3.h>

#include "api/bulk_session.h"
#include "api/operations.h"
#include "store/memory_storage.h"
#include "store/migrations.h"
#include "store/statement.h"

namespace edgetally {

Result<std::unique_ptr<Engine>> Engine::Open(std::unique_ptr<StorageBackend> backend,
                                             const std::string& path) {
  std::unique_ptr<Engine> engine(new Engine());
  bool in_memory = backend == nullptr;
  engine->backend_ = in_memory ? std::make_unique<MemoryStorage>() : std::move(backend);
  engine->vfs_ = std::make_unique<Vfs>(*engine->backend_);
  auto db = Database::Open(in_memory ? ":memory:" : path, engine->vfs_->name());
  if (!db.ok()) return engine->AddBackendContext(db.status());
  engine->db_ = std::move(db).value();
  Status prepared = engine->Prepare();
  if (!prepared.ok()) return engine->AddBackendContext(prepared);
  return engine;
}

Engine::~Engine() = default;

void Engine::set_bulk_session(std::unique_ptr<BulkSession> session) { bulk_session_ = std::move(session); }

Status Engine::Prepare() {
  // Exclusive locking: this connection is the only one, ownership is enforced above SQLite.
  // Both pragmas only set connection state; the first read happens in Migrate.
  ET_RETURN_IF_ERROR(db_->Exec("PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -8192"));
  return Migrate(*db_);
}

Status Engine::AddBackendContext(Status status) const {
  if (status.code() != ErrorCode::IoError || vfs_->last_error().ok()) return status;
  return Status(status.code(), status.message() + " (" + vfs_->last_error().message() + ")",
                status.details());
}

namespace {

Status UnknownOperationStatus(std::string_view op) {
  return Status(ErrorCode::UnknownOperation, "unknown operation '" + std::string(op) + "'",
                {{"op", std::string(op)}});
}

Status NotAnObject(std::string_view op) {
  return Status(ErrorCode::InvalidArgument, std::string(op) + " takes an object argument");
}

}  // namespace

template <typename Run>
Result<nlohmann::json> Engine::Guarded(std::string_view op, Run run) {
  try {
    Result<nlohmann::json> result = run();
    if (!result.ok()) return AddBackendContext(result.status());
    return result;
  } catch (const std::exception& e) {
    return Status(ErrorCode::Internal, std::string(op) + " failed: " + e.what());
  }
}

Status Engine::CheckAllowed(const Operation& operation) const {
  if (!bulk_session_ || operation.bulk) return Status::Ok();
  return Status(ErrorCode::BatchInProgress, "a chunked batch or import is in progress on this store; '" +
                                                std::string(operation.name) + "' can run after it ends");
}

Result<nlohmann::json> Engine::Call(std::string_view op, const nlohmann::json& args) {
  const Operation* operation = FindOperation(op);
  if (!operation) return UnknownOperationStatus(op);
  ET_RETURN_IF_ERROR(CheckAllowed(*operation));
  if (!args.is_object()) return NotAnObject(op);
  if (operation->text) return Guarded(op, [&] { return operation->text(*this, args.dump()); });
  return Guarded(op, [&] { return operation->json(*this, args); });
}

Result<nlohmann::json> Engine::CallText(std::string_view op, std::string_view args_json) {
  const Operation* operation = FindOperation(op);
  if (!operation) return UnknownOperationStatus(op);
  ET_RETURN_IF_ERROR(CheckAllowed(*operation));
  if (operation->text) return Guarded(op, [&] { return operation->text(*this, args_json); });
  nlohmann::json args = nlohmann::json::parse(args_json, nullptr, /*allow_exceptions=*/false);
  if (args.is_discarded()) {
    return Status(ErrorCode::InvalidArgument, "arguments are not valid JSON", {{"rule", "json"}});
  }
  if (!args.is_object()) return NotAnObject(op);
  return Guarded(op, [&] { return operation->json(*this, args); });
}

Result<const QuotaConfig*> Engine::quota_config() {
  if (!quota_config_) {
    ET_ASSIGN_OR_RETURN(QuotaConfig loaded, QuotaConfig::Load(*db_));
    quota_config_ = std::make_unique<QuotaConfig>(std::move(loaded));
  }
  return quota_config_.get();
}

Result<const ValidationRules*> Engine::validation_rules() {
  if (!validation_rules_) {
    ET_ASSIGN_OR_RETURN(ValidationRules loaded, LoadValidationRules(*db_));
    validation_rules_ = std::make_unique<ValidationRules>(std::move(loaded));
  }
  return validation_rules_.get();
}

void Engine::Notify(std::vector<nlohmann::json> events) {
  for (nlohmann::json& event : events) notifications_.push_back(std::move(event));
}

Result<nlohmann::json> Engine::Info() {
  ET_ASSIGN_OR_RETURN(Statement stmt, db_->Prepare("SELECT value FROM meta WHERE key = 'device_id'"));
  ET_RETURN_IF_ERROR(stmt.Step().status());
  ET_ASSIGN_OR_RETURN(int version, ReadSchemaVersion(*db_));
  return nlohmann::json{{"deviceId", stmt.ColumnText(0)},
                        {"schemaVersion", version},
                        {"sqliteVersion", sqlite3_libversion()}};
}

}  // namespace edgetally
