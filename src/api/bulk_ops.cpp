// Chunked batch operations: the engine's one BulkSession slot.
#include "api/bulk_ops.h"

#include "api/arg_scan.h"
#include "api/bulk_session.h"
#include "common/args.h"
#include "engine/engine.h"

namespace edgetally {

namespace {

Status NoSession() {
  return Status(ErrorCode::InvalidArgument, "no batch is in progress: call beginBatch or beginImport first",
                {{"rule", "no_session"}});
}

// beginBatch/beginImport are not bulk operations, so the Engine already refuses them with
// BATCH_IN_PROGRESS while a session runs (Engine::CheckAllowed): no second check here.
Status StartSession(Engine& engine, Result<std::unique_ptr<BulkSession>> session) {
  if (!session.ok()) return session.status();
  engine.set_bulk_session(std::move(session).value());
  return Status::Ok();
}

// Runs a chunk step; a failed step ends the session (rolling back an atomic one).
Result<nlohmann::json> Step(Engine& engine, Status status) {
  if (!status.ok()) {
    Status failed = engine.bulk_session()->Failed(status);  // says what a partial import kept
    engine.set_bulk_session(nullptr);
    return failed;
  }
  return engine.bulk_session()->Progress();
}

}  // namespace

Result<nlohmann::json> OpBeginBatch(Engine& engine, const nlohmann::json& args) {
  ET_RETURN_IF_ERROR(StartSession(engine, BulkSession::Begin(engine, args, nullptr)));
  return nlohmann::json::object();
}

Result<nlohmann::json> OpBeginImport(Engine& engine, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(ImportOptions options, ParseImportOptions(args));
  ET_RETURN_IF_ERROR(StartSession(engine, BulkSession::Begin(engine, args, std::make_unique<Importer>(std::move(options)))));
  return nlohmann::json::object();
}

Result<nlohmann::json> OpBatchChunk(Engine& engine, std::string_view args_json) {
  BulkSession* session = engine.bulk_session();
  if (!session) return NoSession();
  Status added;
  auto read_things = [&](JsonScanner& scanner) {
    if (scanner.Peek() != JsonScanner::Kind::Array) {
      scanner.SkipValue();
      return InvalidField("things", "array", "things must be an array");
    }
    added = session->AddThings(engine, scanner);
    return scanner.failed() ? SyntaxError(scanner, "things") : Status::Ok();
  };
  nlohmann::json rest;
  ET_RETURN_IF_ERROR(ScanArgs(args_json, "things", read_things, &rest));
  return Step(engine, added);
}

Result<nlohmann::json> OpImportChunk(Engine& engine, std::string_view bytes) {
  BulkSession* session = engine.bulk_session();
  if (!session) return NoSession();
  return Step(engine, session->AddFileChunk(engine, bytes));
}

Result<nlohmann::json> OpEndBatch(Engine& engine, const nlohmann::json& args) {
  BulkSession* session = engine.bulk_session();
  if (!session) return NoSession();
  auto commit = args.find("commit");
  if (commit == args.end() || !commit->is_boolean()) {
    return InvalidField("commit", "boolean", "commit must be true (finish) or false (cancel)");
  }
  Result<nlohmann::json> result = session->End(engine, commit->get<bool>());
  engine.set_bulk_session(nullptr);
  return result;
}

}  // namespace edgetally
