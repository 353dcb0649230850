// Database: open/close and error translation for one sqlite3 connection.
#include "store/database.h"

#include <sqlite3.h>

#include "store/page_cache.h"
#include "store/statement.h"

namespace edgetally {

namespace {
ErrorCode CodeForSqlite(int code) {
  if (code == SQLITE_IOERR_DATA) return ErrorCode::CorruptDatabase;  // a page failed its checksum
  switch (code & 0xff) {
    case SQLITE_NOTADB: return ErrorCode::NotADatabase;
    case SQLITE_CORRUPT: return ErrorCode::CorruptDatabase;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL: return ErrorCode::IoError;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ErrorCode::StoreLocked;
    case SQLITE_CONSTRAINT: return ErrorCode::AlreadyExists;
    default: return ErrorCode::Internal;
  }
}
}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, const std::string& vfs_name) {
  InstallPageCache();  // before SQLite initializes (a no-op after the first time)
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, vfs_name.c_str());
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Status(CodeForSqlite(rc), "cannot open database: " + message);
  }
  return std::unique_ptr<Database>(new Database(db));
}

Database::Database(sqlite3* db) : db_(db) {
  sqlite3_commit_hook(
      db_, [](void* self) { return ++static_cast<Database*>(self)->commits_, 0; }, this);
}

Database::~Database() {
  cache_.clear();
  sqlite3_close_v2(db_);
}

Result<Statement*> Database::Cached(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    ET_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
    it = cache_.emplace(sql, std::make_unique<Statement>(std::move(stmt))).first;
  }
  it->second->Reset();
  return it->second.get();
}

Status Database::Exec(std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : ErrorFrom(rc, "exec");
}

Status Database::ExecCached(const char* sql) {
  Result<Statement*> stmt = Cached(sql);
  if (!stmt.ok()) return ErrorFrom(stmt.status().details().value("sqliteCode", SQLITE_ERROR), "exec");
  Result<bool> row = stmt.value()->Step();
  // Exec's message: read before the reset, as sqlite3_exec reports it
  Status status = row.ok() ? Status::Ok() : ErrorFrom(row.status().details().value("sqliteCode", SQLITE_ERROR), "exec");
  stmt.value()->Reset();
  return status;
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return ErrorFrom(rc, "prepare");
  return Statement(this, stmt);
}

int64_t Database::Changes() const { return sqlite3_changes64(db_); }
int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
bool Database::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Status Database::ErrorFrom(int sqlite_code, std::string_view context) const {
  std::string message = std::string(context) + ": " + sqlite3_errmsg(db_);
  return Status(CodeForSqlite(sqlite_code), message, {{"sqliteCode", sqlite_code}});
}

}  // namespace edgetally
