// Transaction: begin/commit/rollback bookkeeping, on statements compiled once per connection.
#include "store/transaction.h"

#include "store/database.h"

namespace edgetally {

Transaction::Transaction(Database& db) : db_(db) {
  begin_status_ = db_.ExecCached("BEGIN IMMEDIATE");
  open_ = begin_status_.ok();
}

Transaction::~Transaction() {
  if (open_) db_.ExecCached("ROLLBACK");
}

Status Transaction::Commit() {
  if (!open_) return Status(ErrorCode::Internal, "commit without an open transaction");
  Status status = db_.ExecCached("COMMIT");
  if (!status.ok() && db_.InTransaction()) db_.ExecCached("ROLLBACK");
  open_ = false;
  return status;
}

}  // namespace edgetally
