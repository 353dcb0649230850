// Transaction: begin/commit/rollback bookkeeping.
#include "store/transaction.h"

#include "store/database.h"

namespace edgetally {

Transaction::Transaction(Database& db) : db_(db) {
  begin_status_ = db_.Exec("BEGIN IMMEDIATE");
  open_ = begin_status_.ok();
}

Transaction::~Transaction() {
  if (open_) db_.Exec("ROLLBACK");
}

Status Transaction::Commit() {
  if (!open_) return Status(ErrorCode::Internal, "commit without an open transaction");
  Status status = db_.Exec("COMMIT");
  if (!status.ok() && db_.InTransaction()) db_.Exec("ROLLBACK");
  open_ = false;
  return status;
}

}  // namespace edgetally
