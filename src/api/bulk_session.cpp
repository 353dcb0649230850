// BulkSession: chunk bookkeeping around ThingWrites and the Importer.
#include "api/bulk_session.h"

#include "api/arg_scan.h"
#include "api/batch_result.h"
#include "common/args.h"
#include "model/thing_scan.h"
#include "quota/usage_recording.h"

namespace edgetally {

namespace {
constexpr size_t kMaxReportedErrors = 1000;  // all are counted; the first ones are listed
}

Result<std::unique_ptr<BulkSession>> BulkSession::Begin(OpContext& ctx, const nlohmann::json& args,
                                                        std::unique_ptr<Importer> importer) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  ET_ASSIGN_OR_RETURN(BatchOptions options, ParseBatchOptions(args));
  std::unique_ptr<BulkSession> session(new BulkSession(std::move(scope), options));
  session->importer_ = std::move(importer);
  if (args.contains("total") && session->atomic()) {
    ET_ASSIGN_OR_RETURN(int64_t total, RequireInt(args, "total", 0, INT64_MAX));
    ET_ASSIGN_OR_RETURN(QuotaState state, StateOf(session->scope_.ctx, session->scope_.group, Metric::EntitiesTotal));
    if (!state.Allows(total)) {
      // Reuse the enforcement path for the error: it refuses without writing.
      UsageInput input{Metric::EntitiesTotal, total, Period::Annual, std::nullopt, std::nullopt};
      return EnforceQuota(session->scope_.ctx, session->scope_.group, input).status();
    }
  }
  if (session->atomic() || (!session->importer_ && args.contains("total"))) {
    session->unit_ = std::make_unique<UnitOfWork>(ctx);
    ET_RETURN_IF_ERROR(session->unit_->status());
  }
  return session;
}

Status BulkSession::Add(OpContext& ctx, CheckedThings rows) {
  if (!options_.skip_validation) {
    ET_ASSIGN_OR_RETURN(ValidationRulesSnapshot rules, ctx.validation_rules());
    ApplyRules(*rules, &rows);
  }
  total_ += rows.total;
  error_count_ += static_cast<int64_t>(rows.errors.size());
  for (RowError& e : rows.errors) {
    if (errors_.size() < kMaxReportedErrors) errors_.push_back(std::move(e));
  }
  if (rows.valid.empty() || (atomic() && error_count_ > 0)) return Status::Ok();  // atomic: doomed, just validate
  if (unit_) {
    ET_ASSIGN_OR_RETURN(std::vector<int64_t> ids, InsertValidRows(ctx, scope_, rows.valid));
    created_.insert(created_.end(), ids.begin(), ids.end());
    return Status::Ok();
  }
  ET_ASSIGN_OR_RETURN(std::vector<int64_t> ids,
                      WriteUnit(ctx, Effects(), [&] { return InsertValidRows(ctx, scope_, rows.valid); }));
  created_.insert(created_.end(), ids.begin(), ids.end());
  return Status::Ok();
}

Status BulkSession::AddThings(OpContext& ctx, CheckedThings rows) {
  if (importer_) return InvalidField("things", "import_session", "this session imports a file; send file chunks");
  return Add(ctx, std::move(rows));
}

Status BulkSession::AddFileChunk(OpContext& ctx, std::string_view bytes) {
  if (!importer_) return InvalidField("chunk", "batch_session", "this session inserts things; send things");
  CheckedThings rows;
  ET_RETURN_IF_ERROR(importer_->Feed(bytes, &rows));
  return Add(ctx, std::move(rows));
}

nlohmann::json BulkSession::Progress() const {
  return {{"rowsDone", total_},
          {"created", static_cast<int64_t>(created_.size())},
          {"failed", error_count_},
          {"bytesDone", importer_ ? importer_->bytes_consumed() : 0}};
}

Status BulkSession::FinishImport(OpContext& ctx) {
  CheckedThings rows;
  ET_RETURN_IF_ERROR(importer_->Finish(&rows));
  ET_RETURN_IF_ERROR(Add(ctx, std::move(rows)));
  if (total_ > 0) return Status::Ok();
  return Status(ErrorCode::InvalidArgument, "the file has no rows to import (a header or an empty array only)",
                {{"rule", "no_rows"}, {"line", 1}});
}

Status BulkSession::Failed(const Status& failure) const {
  if (unit_) return failure;  // one transaction: the failure rolls it back, nothing was kept
  nlohmann::json details = failure.details().is_object() ? failure.details() : nlohmann::json::object();
  details["result"] = nlohmann::json::parse(BatchResultText("created", created_, errors_, total_, error_count_));
  return Status(failure.code(),
                failure.message() + " (partial mode: the " + std::to_string(created_.size()) +
                    " rows committed before it are kept; see details.result)",
                std::move(details));
}

Result<nlohmann::json> BulkSession::End(OpContext& ctx, bool commit) {
  if (commit && importer_) {
    Status finished = FinishImport(ctx);
    if (!finished.ok()) return Failed(finished);
  }
  if (unit_) {
    bool keep = atomic() ? commit && error_count_ == 0 : true;  // partial: cancelling keeps the chunks done
    if (keep) {
      ET_RETURN_IF_ERROR(unit_->Commit(Effects()));
    } else {
      unit_.reset();  // rolls back: as if the batch never ran
      created_.clear();
    }
  }
  return nlohmann::json(BatchResultText("created", created_, errors_, total_, error_count_, !commit));
}

}  // namespace edgetally
