// StoreFormat: recognition (application id, earlier stores), verification, and the one-time
// upgrade of stores written before page checksums.
#include "store/store_format.h"

#include <sqlite3.h>

#include <string>

#include "store/database.h"
#include "store/migrations.h"
#include "store/page_checksum.h"
#include "store/statement.h"
#include "store/transaction.h"
#include "store/vfs.h"

namespace edgetally {

namespace {

Result<int64_t> ReadInt(Database& db, const char* sql) {
  ET_ASSIGN_OR_RETURN(Statement stmt, db.Prepare(sql));
  ET_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.ColumnInt(0) : 0;
}

// Asks SQLite for `reserve` bytes at the end of each page from the next page-1 write (a new
// file) or the next VACUUM (an existing one).
void RequestReservedBytes(Database& db) {
  int reserve = kReservedBytes;
  sqlite3_file_control(db.handle(), "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
}

// A store written by edgetally before application ids: its version and tables are there.
Result<bool> IsEarlierStore(Database& db) {
  ET_ASSIGN_OR_RETURN(int64_t version, ReadInt(db, "PRAGMA user_version"));
  ET_ASSIGN_OR_RETURN(int64_t tables, ReadInt(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                                                  "AND name IN ('meta', 'groups', 'things', 'usage')"));
  return version >= 1 && tables == 4;
}

Status QuickCheck(Database& db) {
  ET_ASSIGN_OR_RETURN(Statement check, db.Prepare("PRAGMA quick_check"));
  ET_ASSIGN_OR_RETURN(bool row, check.Step());
  if (!row || check.ColumnText(0) == "ok") return Status::Ok();
  return Status(ErrorCode::CorruptDatabase, "the store file is damaged: " + check.ColumnText(0),
                {{"rule", "quick_check"}});
}

Status NotOurs(int64_t application_id) {
  return Status(ErrorCode::NotADatabase,
                "the file is a SQLite database that edgetally did not create (application_id " +
                    std::to_string(application_id) + "); it was left untouched",
                {{"applicationId", application_id}});
}

// Brings a store without checksums to this format: marks it, then one VACUUM rewrites every
// page with its checksum. Both steps are atomic; a store cut between them is upgraded again.
Status Upgrade(Database& db, Vfs& vfs) {
  ET_RETURN_IF_ERROR(QuickCheck(db));
  ET_ASSIGN_OR_RETURN(int version, ReadSchemaVersion(db));
  if (version > LatestSchemaVersion()) return Status::Ok();  // Migrate refuses it, unwritten
  {
    Transaction txn(db);
    ET_RETURN_IF_ERROR(txn.status());
    ET_RETURN_IF_ERROR(MarkAsStore(db));
    ET_RETURN_IF_ERROR(txn.Commit());
  }
  RequestReservedBytes(db);
  vfs.guard().ExpectChecksums();
  ET_RETURN_IF_ERROR(db.Exec("PRAGMA auto_vacuum = INCREMENTAL"));  // the VACUUM applies it (archive/space.h)
  return db.Exec("VACUUM");
}

}  // namespace

Status MarkAsStore(Database& db) {
  return db.Exec("PRAGMA application_id = " + std::to_string(kApplicationId));
}

Status PrepareStoreFormat(Database& db, Vfs& vfs, const OpenOptions& options) {
  // Nothing below may write until the file is known to be an edgetally store.
  ET_RETURN_IF_ERROR(db.Exec("PRAGMA query_only = 1"));
  ET_ASSIGN_OR_RETURN(int64_t pages, ReadInt(db, "PRAGMA page_count"));  // reads page 1
  bool upgrade = false;
  if (pages == 0) {
    RequestReservedBytes(db);
    vfs.guard().ExpectChecksums();
  } else {
    ET_ASSIGN_OR_RETURN(int64_t application_id, ReadInt(db, "PRAGMA application_id"));
    if (application_id != kApplicationId) {
      ET_ASSIGN_OR_RETURN(bool earlier, IsEarlierStore(db));
      if (application_id != 0 || !earlier) return NotOurs(application_id);
    }
    upgrade = !vfs.guard().checksummed();
    if (options.verify_quick && !upgrade && vfs.main_file()) {
      ET_RETURN_IF_ERROR(vfs.guard().VerifyAll(*vfs.main_file()));
    }
  }
  ET_RETURN_IF_ERROR(db.Exec("PRAGMA query_only = 0"));
  // A new file: free pages (archival) can go back to the file system (archive/space.h).
  if (pages == 0) ET_RETURN_IF_ERROR(db.Exec("PRAGMA auto_vacuum = INCREMENTAL"));
  return upgrade ? Upgrade(db, vfs) : Status::Ok();
}

}  // namespace edgetally
