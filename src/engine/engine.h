// Engine: the facade the bindings see. It owns the storage backend, the VFS on it, the one
// database connection and the operations' context (api/op_context.h), and runs named
// operations on JSON arguments ("createGroup", {"name": ..., "plan": ...}). Operations live in
// src/api/ and see only their OpContext; the Engine routes, checks arguments against each
// operation's declaration (api/operations.h), and nothing else.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/answer_cache.h"
#include "api/op_context.h"
#include "common/status.h"
#include "store/database.h"
#include "store/storage_backend.h"
#include "store/store_format.h"
#include "store/vfs.h"

namespace edgetally {

class Engine {
 public:
  // Opens the store at `path` on `backend`, migrating it to the latest schema. A null backend
  // opens a private in-memory store (path ignored). On failure nothing has been written:
  // NotADatabase (a file edgetally did not create), CorruptDatabase, SchemaTooNew, IoError.
  // See store/store_format.h for recognition, `options.verify_quick` and earlier stores.
  static Result<std::unique_ptr<Engine>> Open(std::unique_ptr<StorageBackend> backend,
                                              const std::string& path,
                                              const OpenOptions& options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Runs operation `op` with `args` (a JSON object); UnknownOperation for an unknown op.
  // Never throws: a bug that throws inside comes back as Internal.
  Result<nlohmann::json> Call(std::string_view op, const nlohmann::json& args);
  // The same with the arguments as JSON text (what the bindings receive). Bulk operations read
  // the text in one pass; others parse it first. InvalidArgument for text that is not JSON.
  Result<nlohmann::json> CallText(std::string_view op, std::string_view args_json);
  // The same, returning the result as JSON text: what the bindings send to JS (operations that
  // write their result as text skip building a tree).
  Result<std::string> CallForText(std::string_view op, std::string_view args_json);

  // Checks every page's checksum: Ok, or CorruptDatabase naming the first damaged page.
  Status VerifyPages();

  // {deviceId, schemaVersion, sqliteVersion}.
  Result<nlohmann::json> Info();

  Database& db() { return *db_; }

  // The store's clock (ms UTC); tests replace it to walk through periods.
  int64_t Now() const { return ctx_->Now(); }
  void SetClockForTesting(std::function<int64_t()> clock) { ctx_->SetClock(std::move(clock)); }

  // After CallForText of a cached operation that answered: the clock window within which that
  // answer holds while no other call reaches this store (api/answer_cache.h); else nullopt.
  // The JS host keeps such answers too, and drops them at its next call of any other kind.
  std::optional<TimeWindow> TakeAnswerWindow() { return std::exchange(answer_window_, std::nullopt); }

  // Events raised by the last calls (quota alerts), for the JS side.
  std::vector<nlohmann::json> TakeNotifications() { return ctx_->TakeNotifications(); }
  // Bytes the last call handed out beside its result (OpContext::SetResultBytes), once.
  std::optional<std::string> TakeResultBytes() { return ctx_->TakeResultBytes(); }

 private:
  Engine() = default;
  Status Prepare(bool in_memory, const OpenOptions& options);
  Status AddBackendContext(Status status) const;
  // Once a damaged page was seen, SQLite is told to start no more write transactions.
  Status RefuseWritesIfDamaged();
  // BatchInProgress when a bulk session runs and `operation` is not part of it.
  Status CheckAllowed(const struct Operation& operation) const;
  template <typename Fn>
  Result<nlohmann::json> Guarded(std::string_view op, Fn run);
  Result<nlohmann::json> Run(const struct Operation& operation, std::string_view args_json,
                             const nlohmann::json* parsed);
  Result<nlohmann::json> RunChecked(const struct Operation& operation, std::string_view args_json,
                                    const nlohmann::json* parsed);
  void NotifyChange(std::string_view op, const nlohmann::json* parsed);
  Result<std::string> CallCached(const struct Operation& operation, std::string_view args_json);

  std::unique_ptr<StorageBackend> backend_;
  std::unique_ptr<Vfs> vfs_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<OpContext> ctx_;
  bool writes_refused_ = false;
  AnswerCache answers_;  // the cached reads' answers (api/answer_cache.h)
  std::optional<TimeWindow> answer_window_;  // of the last cached answer (TakeAnswerWindow)
};

}  // namespace edgetally
