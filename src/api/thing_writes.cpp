// ThingWrites: pre-flight, insert, record usage, alert, commit.
#include "api/thing_writes.h"

#include "quota/usage_recording.h"
#include "store/transaction.h"

namespace edgetally {

namespace {

// Checks and records one metric's usage for the write (QuotaExceeded if it does not fit).
Status Consume(GroupScope& scope, Metric metric, int64_t amount) {
  UsageInput input{metric, amount, Period::Annual, std::nullopt, std::nullopt};
  return EnforceQuota(scope.ctx, scope.group, input).status();
}

}  // namespace

Result<BatchInsertResult> WriteThings(Engine& engine, GroupScope& scope, const CheckedThings& rows) {
  if (!rows.errors.empty()) return BatchInsertThings(engine.db(), scope.group.id, rows);
  int64_t bytes = 0;
  for (const NewThing& thing : rows.valid) bytes += StorageBytesOf(thing);
  Transaction txn(engine.db());
  ET_RETURN_IF_ERROR(txn.status());
  ET_RETURN_IF_ERROR(Consume(scope, Metric::EntitiesTotal, static_cast<int64_t>(rows.valid.size())));
  ET_RETURN_IF_ERROR(Consume(scope, Metric::StorageBytes, bytes));
  ET_ASSIGN_OR_RETURN(BatchInsertResult result, BatchInsertThings(engine.db(), scope.group.id, rows));
  ET_RETURN_IF_ERROR(CommitWithAlerts(engine, scope, txn, {Metric::EntitiesTotal, Metric::StorageBytes}));
  return result;
}

}  // namespace edgetally
