// BulkSession: a batch too large for one call, fed in chunks: an array of things sent in
// slices (batchInsertThings with progress or cancellation) or a file import. Atomic mode holds
// one transaction open from the first chunk to the end, so a cancelled or failed batch leaves
// the store as if it never ran. Partial mode writes the valid rows:
//   - of an array (its size, args.total, known up front) in one transaction too, so a chunk
//     refused (QuotaExceeded) leaves nothing written, as the single-call path does; cancelling
//     commits what was written up to that chunk boundary;
//   - of a file (size unknown) committing each chunk, so a failure after some chunks (quota, a
//     file-level error such as an unterminated quote at the end) keeps them: its Status then
//     carries details.result, the batch result of what was committed.
// One session at a time per engine.
#pragma once

#include <memory>

#include <nlohmann/json.hpp>

#include "api/group_scope.h"
#include "api/thing_writes.h"
#include "batch/importer.h"
#include "common/json_scanner.h"
#include "api/unit_of_work.h"

namespace edgetally {

class BulkSession {
 public:
  // Starts a session for args.groupId with args.mode/skipValidation. With args.total (rows
  // expected), atomic mode checks the entity quota for all of them first: QuotaExceeded
  // before anything is written.
  static Result<std::unique_ptr<BulkSession>> Begin(OpContext& ctx, const nlohmann::json& args,
                                                    std::unique_ptr<Importer> importer);

  // Adds a slice of things read by the caller (indexes continuing from rows_done()).
  Status AddThings(OpContext& ctx, CheckedThings rows);
  // Rows received so far (valid and invalid).
  int64_t rows_done() const { return total_; }
  // Feeds the next chunk of the imported file.
  Status AddFileChunk(OpContext& ctx, std::string_view bytes);
  // {rowsDone, created, failed, bytesDone}
  nlohmann::json Progress() const;
  // Ends the session: commits (atomic: only without row errors) or, with commit=false, rolls
  // back (atomic) / stops (partial). Returns the batch result as JSON text (in a JSON string).
  // A failure of a chunk-committing session carries details.result (see Failed).
  Result<nlohmann::json> End(OpContext& ctx, bool commit);
  // `failure` as the caller should see it once the session is dropped: when chunks were
  // committed one by one (partial file import), with details.result = what was kept.
  Status Failed(const Status& failure) const;

 private:
  BulkSession(GroupScope scope, BatchOptions options) : scope_(std::move(scope)), options_(options) {}
  Status Add(OpContext& ctx, CheckedThings rows);
  Status FinishImport(OpContext& ctx);
  bool atomic() const { return options_.mode == BatchMode::Atomic; }
  UnitEffects Effects() { return {.scope = &scope_, .alerts = {Metric::EntitiesTotal, Metric::StorageBytes}}; }

  GroupScope scope_;
  BatchOptions options_;
  std::unique_ptr<UnitOfWork> unit_;  // atomic mode, or partial with a known total: the whole session
  std::unique_ptr<Importer> importer_;
  std::vector<int64_t> created_;
  std::vector<RowError> errors_;  // the first kMaxReportedErrors
  int64_t error_count_ = 0;
  int64_t total_ = 0;
};

}  // namespace edgetally
