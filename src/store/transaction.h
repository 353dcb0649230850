// Transaction: RAII BEGIN IMMEDIATE ... COMMIT. A Transaction that is destroyed without
// Commit() rolls back, so an early return on error never leaves half a change behind.
#pragma once

#include "common/status.h"

namespace edgetally {

class Database;

class Transaction {
 public:
  // Begins a write transaction. Check status() before using it.
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  const Status& status() const { return begin_status_; }
  // Commits; after a failed commit the transaction is rolled back.
  Status Commit();

 private:
  Database& db_;
  Status begin_status_;
  bool open_ = false;
};

}  // namespace edgetally
