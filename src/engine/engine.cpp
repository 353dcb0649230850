// Engine: open sequence and operation routing.
#include "engine/engine.h"

#include <exception>

#include <sqlite3.h>

#include "api/arg_scan.h"
#include "api/operations.h"
#include "api/store_ops.h"
#include "store/memory_storage.h"
#include "store/migrations.h"

namespace edgetally {

Result<std::unique_ptr<Engine>> Engine::Open(std::unique_ptr<StorageBackend> backend,
                                             const std::string& path, const OpenOptions& options) {
  std::unique_ptr<Engine> engine(new Engine());
  bool in_memory = backend == nullptr;
  engine->backend_ = in_memory ? std::make_unique<MemoryStorage>() : std::move(backend);
  engine->vfs_ = std::make_unique<Vfs>(*engine->backend_);
  auto db = Database::Open(in_memory ? ":memory:" : path, engine->vfs_->name());
  if (!db.ok()) return engine->AddBackendContext(db.status());
  engine->db_ = std::move(db).value();
  engine->ctx_ = std::make_unique<OpContext>(*engine->db_);
  engine->ctx_->SetPageVerifier([raw = engine.get()] { return raw->VerifyPages(); });
  Status prepared = engine->Prepare(in_memory, options);
  if (!prepared.ok()) return engine->AddBackendContext(prepared);
  return engine;
}

Engine::~Engine() = default;

Status Engine::Prepare(bool in_memory, const OpenOptions& options) {
  // Exclusive locking: this connection is the only one, ownership is enforced above SQLite.
  // Both pragmas only set connection state; the first read happens in PrepareStoreFormat.
  ET_RETURN_IF_ERROR(db_->Exec("PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -8192"));
  if (!in_memory) ET_RETURN_IF_ERROR(PrepareStoreFormat(*db_, *vfs_, options));
  return Migrate(*db_);
}

Status Engine::VerifyPages() {
  StorageFile* file = vfs_->main_file();
  return file ? vfs_->guard().VerifyAll(*file) : Status::Ok();
}

Status Engine::RefuseWritesIfDamaged() {
  if (writes_refused_ || vfs_->guard().damage().ok()) return Status::Ok();
  ET_RETURN_IF_ERROR(db_->Exec("PRAGMA query_only = 1"));
  writes_refused_ = true;
  return Status::Ok();
}

Status Engine::AddBackendContext(Status status) const {
  const Status& damage = vfs_->guard().damage();
  if (!damage.ok() && !status.ok()) {
    // After damage, a failed read of it, a refused write or SQLite's query_only refusal.
    bool refused = status.details().is_object() && (status.details().value("sqliteCode", 0) & 0xff) == SQLITE_READONLY;
    if (refused || status.code() == ErrorCode::IoError || status.code() == ErrorCode::CorruptDatabase) return damage;
  }
  if (status.code() != ErrorCode::IoError || vfs_->last_error().ok()) return status;
  return Status(status.code(), status.message() + " (" + vfs_->last_error().message() + ")",
                status.details());
}

namespace {

Status UnknownOperationStatus(std::string_view op) {
  return Status(ErrorCode::UnknownOperation, "unknown operation '" + std::string(op) + "'",
                {{"op", std::string(op)}});
}

}  // namespace

template <typename Fn>
Result<nlohmann::json> Engine::Guarded(std::string_view op, Fn run) {
  try {
    Result<nlohmann::json> result = run();
    if (!result.ok()) return AddBackendContext(result.status());
    return result;
  } catch (const std::exception& e) {
    return Status(ErrorCode::Internal, std::string(op) + " failed: " + e.what());
  }
}

Status Engine::CheckAllowed(const Operation& operation) const {
  if (!ctx_->bulk_session() || operation.bulk) return Status::Ok();
  return Status(ErrorCode::BatchInProgress, "a chunked batch or import is in progress on this store; '" +
                                                std::string(operation.name) + "' can run after it ends");
}

Result<nlohmann::json> Engine::Run(const Operation& operation, std::string_view args_json,
                                   const nlohmann::json* parsed) {
  const uint64_t commits = db_->Commits();
  const uint64_t generation = ctx_->config_generation();
  Result<nlohmann::json> result = RunChecked(operation, args_json, parsed);
  std::optional<OpContext::UsageCommit> usage = ctx_->TakeUsageCommit();
  if (result.ok() && db_->Commits() != commits) {
    NotifyChange(operation.name, parsed);
    // A usage write's one commit keeps the answers it did not change (api/answer_cache.h).
    if (usage && usage->before == commits && db_->Commits() == commits + 1 && ctx_->config_generation() == generation) {
      answers_.CarryAcross({commits, generation}, {commits + 1, generation}, usage->group_id, usage->metric,
                           usage->known);
    }
  }
  return result;
}

// {type: 'change', op, groupId?} after an operation that committed a write, so every view of
// the store (components, other tabs) refreshes on events, never by polling. The JS side adds
// the groupId of calls whose arguments it holds when the core read them as text.
void Engine::NotifyChange(std::string_view op, const nlohmann::json* parsed) {
  nlohmann::json change = {{"type", "change"}, {"op", op}};
  if (parsed && parsed->contains("groupId") && (*parsed)["groupId"].is_string()) change["groupId"] = (*parsed)["groupId"];
  ctx_->Notify({std::move(change)});
}

Result<nlohmann::json> Engine::RunChecked(const Operation& operation, std::string_view args_json,
                                          const nlohmann::json* parsed) {
  ET_RETURN_IF_ERROR(CheckAllowed(operation));
  ET_RETURN_IF_ERROR(RefuseWritesIfDamaged());
  std::string_view op = operation.name;
  if (operation.text) {
    if (parsed) return Guarded(op, [&] { return operation.text(*ctx_, operation, parsed->dump()); });
    return Guarded(op, [&] { return operation.text(*ctx_, operation, args_json); });
  }
  // Every operation's arguments are checked against its declaration here, before it runs.
  nlohmann::json args;
  if (!parsed) {
    ET_ASSIGN_OR_RETURN(args, ParseArgsTree(op, operation.args, args_json));
    parsed = &args;
  } else {
    ET_RETURN_IF_ERROR(CheckArgsTree(op, operation.args, *parsed));
  }
  return Guarded(op, [&] { return operation.json(*ctx_, *parsed); });
}

// For C++ callers: a raw_result operation's text is parsed back into a tree.
static Result<nlohmann::json> AsTree(const Operation& operation, Result<nlohmann::json> result) {
  if (!result.ok() || !operation.raw_result) return result;
  return nlohmann::json::parse(result.value().get<std::string>());
}

// A C++ caller's arguments as text, the cache's key; false (the call runs uncached) for a tree
// that holds strings that are not UTF-8.
static bool DumpArgs(const nlohmann::json& args, std::string& text) {
  try {
    text = args.dump();
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

// For C++ callers of a cached operation: its answer text as a tree.
static Result<nlohmann::json> TreeOf(Result<std::string> text) {
  if (!text.ok()) return text.status();
  return nlohmann::json::parse(text.value());
}

Result<nlohmann::json> Engine::Call(std::string_view op, const nlohmann::json& args) {
  const Operation* operation = FindOperation(op);
  if (!operation) return UnknownOperationStatus(op);
  if (!args.is_object()) return ArgsNotAnObject(op);
  std::string text;
  if (operation->cached && DumpArgs(args, text)) return TreeOf(CallCached(*operation, text));
  return AsTree(*operation, Run(*operation, {}, &args));
}

Result<nlohmann::json> Engine::CallText(std::string_view op, std::string_view args_json) {
  const Operation* operation = FindOperation(op);
  if (!operation) return UnknownOperationStatus(op);
  if (operation->cached) return TreeOf(CallCached(*operation, args_json));
  return AsTree(*operation, Run(*operation, args_json, nullptr));
}

static Result<std::string> AsText(const Operation& operation, Result<nlohmann::json> result) {
  if (!result.ok()) return result.status();
  if (operation.raw_result) return std::move(result.value().get_ref<std::string&>());
  return result.value().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<std::string> Engine::CallForText(std::string_view op, std::string_view args_json) {
  const Operation* operation = FindOperation(op);
  if (!operation) return UnknownOperationStatus(op);
  if (operation->cached) return CallCached(*operation, args_json);
  return AsText(*operation, Run(*operation, args_json, nullptr));
}

// A cached read (api/answer_cache.h): the kept answer when the store, config and clock window
// are those it was computed on; else it runs, and its answer is kept if nothing changed meanwhile.
Result<std::string> Engine::CallCached(const Operation& operation, std::string_view args_json) {
  answer_window_.reset();
  ET_RETURN_IF_ERROR(CheckAllowed(operation));
  const bool usable = !db_->InTransaction() && vfs_->guard().damage().ok();
  const StoreState before{db_->Commits(), ctx_->config_generation()};
  TimeWindow window;
  if (usable) {
    if (const std::string* kept = answers_.Find(before, operation.name, args_json, ctx_->Now(), &window)) {
      answer_window_ = window;
      return *kept;
    }
  }
  ctx_->StartAnswerWindow();
  ET_ASSIGN_OR_RETURN(std::string text, AsText(operation, Run(operation, args_json, nullptr)));
  const StoreState after{db_->Commits(), ctx_->config_generation()};
  if (usable && after == before && !db_->InTransaction()) {
    answers_.Store(before, operation.name, args_json, ctx_->answer_window(), text, ctx_->answer_reads());
    answer_window_ = ctx_->answer_window();
  }
  return text;
}

Result<nlohmann::json> Engine::Info() { return StoreInfo(*db_); }

}  // namespace edgetally
