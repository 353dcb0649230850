// Chunked batch operations: the one BulkSession slot of the OpContext.
#include "api/bulk_ops.h"

#include "api/arg_scan.h"
#include "api/bulk_session.h"
#include "common/args.h"
#include "model/thing_scan.h"
#include "api/op_context.h"
#include "api/thing_writes.h"

namespace edgetally {

namespace {

Status NoSession() {
  return Status(ErrorCode::InvalidArgument, "no batch is in progress: call beginBatch or beginImport first",
                {{"rule", "no_session"}});
}

// beginBatch/beginImport are not bulk operations, so the Engine already refuses them with
// BATCH_IN_PROGRESS while a session runs (Engine::CheckAllowed): no second check here.
Status StartSession(OpContext& ctx, Result<std::unique_ptr<BulkSession>> session) {
  if (!session.ok()) return session.status();
  ctx.set_bulk_session(std::move(session).value());
  return Status::Ok();
}

// Runs a chunk step; a failed step ends the session (rolling back an atomic one).
Result<nlohmann::json> Step(OpContext& ctx, Status status) {
  if (!status.ok()) {
    Status failed = ctx.bulk_session()->Failed(status);  // says what a partial import kept
    ctx.set_bulk_session(nullptr);
    return failed;
  }
  return ctx.bulk_session()->Progress();
}

}  // namespace

Result<nlohmann::json> OpBeginBatch(OpContext& ctx, const nlohmann::json& args) {
  ET_RETURN_IF_ERROR(StartSession(ctx, BulkSession::Begin(ctx, args, nullptr)));
  return nlohmann::json::object();
}

Result<nlohmann::json> OpBeginImport(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(ImportOptions options, ParseImportOptions(args));
  ET_RETURN_IF_ERROR(StartSession(ctx, BulkSession::Begin(ctx, args, std::make_unique<Importer>(std::move(options)))));
  return nlohmann::json::object();
}

Result<nlohmann::json> OpBatchChunk(OpContext& ctx, const Operation& op, std::string_view args_json) {
  // The slice is read whole before it is added: every member is checked before anything is
  // written (partial mode commits each slice).
  BulkSession* session = ctx.bulk_session();
  int64_t offset = session ? session->rows_done() : 0;  // indexes continue from earlier slices
  CheckedThings rows;
  rows.total = offset;
  auto read_things = [&](JsonScanner& scanner) {
    if (scanner.Peek() != JsonScanner::Kind::Array) {
      scanner.SkipValue();
      return InvalidField("things", "array", "things must be an array");
    }
    return ScanThingArray(scanner, &rows) ? Status::Ok() : SyntaxError(scanner, "things");
  };
  nlohmann::json rest;
  ET_RETURN_IF_ERROR(ScanArgs(args_json, op.args, "things", read_things, &rest));
  if (!session) return NoSession();
  rows.total -= offset;
  return Step(ctx, session->AddThings(ctx, std::move(rows)));
}

Result<nlohmann::json> OpImportChunk(OpContext& ctx, const Operation&, std::string_view bytes) {
  BulkSession* session = ctx.bulk_session();
  if (!session) return NoSession();
  return Step(ctx, session->AddFileChunk(ctx, bytes));
}

Result<nlohmann::json> OpEndBatch(OpContext& ctx, const nlohmann::json& args) {
  BulkSession* session = ctx.bulk_session();
  if (!session) return NoSession();
  auto commit = args.find("commit");
  if (commit == args.end() || !commit->is_boolean()) {
    return InvalidField("commit", "boolean", "commit must be true (finish) or false (cancel)");
  }
  Result<nlohmann::json> result = session->End(ctx, commit->get<bool>());
  ctx.set_bulk_session(nullptr);
  return result;
}

namespace {

std::vector<ArgField> SessionFields(std::vector<ArgField> fields) {
  fields.insert(fields.begin(), arg::Required("groupId", arg::Id()));
  fields.push_back(ModeArg());
  fields.push_back(SkipValidationArg());
  return fields;
}

ArgSpec MappingSpec() {
  ArgSpec column = arg::Object({arg::Required("column", arg::Id()),
                                arg::Optional("as", arg::String().OneOf({"string", "number", "integer", "boolean", "json"}))});
  ArgSpec source = arg::AnyOf({arg::String(), column}).Doc("a column name or {column, as}");
  return arg::Object({arg::Optional("name", arg::Id()), arg::Optional("type", arg::Id()),
                      arg::Optional("properties", arg::Map(source))})
      .Doc("ImportMapping");
}

}  // namespace

const std::vector<Operation>& BulkOperations() {
  static const std::vector<Operation> operations = {
      {.name = "beginBatch",
       .json = OpBeginBatch,
       .args = arg::Object(SessionFields({arg::Optional("total", arg::Integer(0, INT64_MAX))})),
       .result = "{}",
       .writes = true,
       .js = JsSurface::Internal,
       .summary = "starts a chunked batchInsertThings"},
      {.name = "batchChunk",
       .text = OpBatchChunk,
       .args = arg::Object({arg::Required("things", arg::Rows(ThingRowSpec()))}),
       .result = "BatchProgress",
       .writes = true,
       .bulk = true,
       .js = JsSurface::Internal,
       .summary = "one slice of a chunked batch"},
      {.name = "beginImport",
       .json = OpBeginImport,
       .args = arg::Object(SessionFields({arg::Required("format", arg::String().OneOf({"csv", "ndjson", "jsonl", "json"})),
                                          arg::Optional("type", arg::Id()), arg::Optional("mapping", MappingSpec()),
                                          arg::Optional("delimiter", arg::String()),
                                          arg::Optional("hasHeader", arg::Boolean())})),
       .result = "BatchInsertResult & { cancelled }",
       .writes = true,
       .js = JsSurface::Custom,
       .js_method = "importFile",
       .js_args = "file, onProgress?, signal?, chunkSize? (format inferred from a file name)",
       .summary = "imports a CSV, NDJSON or JSON-array file in chunks"},
      {.name = "importChunk",
       .text = OpImportChunk,
       .bytes = true,
       .result = "ImportProgress",
       .writes = true,
       .bulk = true,
       .js = JsSurface::Internal,
       .summary = "the next bytes of an imported file"},
      {.name = "endBatch",
       .json = OpEndBatch,
       .args = arg::Object({arg::Required("commit", arg::Boolean())}),
       .result = "BatchInsertResult",
       .writes = true,
       .bulk = true,
       .raw_result = true,
       .js = JsSurface::Internal,
       .summary = "commits or cancels the chunked batch"},
  };
  return operations;
}

}  // namespace edgetally
