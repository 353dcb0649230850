// Space: the page pragmas.
#include "archive/space.h"

#include <string>

#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {

Result<int64_t> Pragma(Database& db, const char* sql) {
  ET_ASSIGN_OR_RETURN(Statement stmt, db.Prepare(sql));
  ET_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.ColumnInt(0) : 0;
}

}  // namespace

Result<PageCounts> CountPages(Database& db) {
  PageCounts counts;
  ET_ASSIGN_OR_RETURN(counts.pages, Pragma(db, "PRAGMA page_count"));
  ET_ASSIGN_OR_RETURN(counts.free_pages, Pragma(db, "PRAGMA freelist_count"));
  ET_ASSIGN_OR_RETURN(counts.page_size, Pragma(db, "PRAGMA page_size"));
  ET_ASSIGN_OR_RETURN(int64_t mode, Pragma(db, "PRAGMA auto_vacuum"));
  counts.incremental = mode == 2;
  return counts;
}

Status ReclaimPages(Database& db, int64_t max_pages) {
  ET_ASSIGN_OR_RETURN(Statement step, db.Prepare("PRAGMA incremental_vacuum(" + std::to_string(max_pages) + ")"));
  for (;;) {  // the pragma returns a row per page freed
    ET_ASSIGN_OR_RETURN(bool row, step.Step());
    if (!row) return Status::Ok();
  }
}

SpillThreshold::SpillThreshold(Database& db, int64_t kib)
    : db_(db), raised_(db.Exec("PRAGMA cache_spill = " + std::to_string(-kib)).ok()) {}

SpillThreshold::~SpillThreshold() {
  // 1 is SQLite's own default threshold: spill as soon as the cache is full. A failure leaves
  // the raised threshold, which only costs memory; there is nothing to report it to here.
  if (raised_) (void)db_.Exec("PRAGMA cache_spill = 1");
}

}  // namespace edgetally
