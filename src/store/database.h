// Database: the RAII owner of one sqlite3 connection, plus the few helpers every module needs
// (Exec for statements without results, Prepare, error translation). A Database is not
// thread-safe; the Engine owns exactly one.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "store/statement.h"

struct sqlite3;

namespace edgetally {

class Database {
 public:
  // Opens (creating if absent) the database at `path` through the VFS named `vfs_name`.
  // ":memory:" opens a private in-memory database. Does not read the file yet; the first
  // statement does, so Open succeeds even for a file that later turns out not to be a database.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, const std::string& vfs_name);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more SQL statements that return no rows.
  Status Exec(std::string_view sql);
  // Runs one statement that returns no rows (BEGIN, COMMIT...) compiled once and kept, as
  // Cached: the same outcome and error as Exec, without compiling it on every call.
  Status ExecCached(const char* sql);
  // Compiles one statement. The statement must not outlive this Database.
  Result<Statement> Prepare(std::string_view sql);
  // A statement compiled once and kept for the life of the connection, keyed by the address of
  // `sql` (pass a string literal or other constant). It comes back reset, with no bindings.
  // For the hot paths (quota checks, ledger appends) where compiling each call would dominate.
  Result<Statement*> Cached(const char* sql);
  // Rows changed by the last INSERT/UPDATE/DELETE, and the last inserted rowid.
  int64_t Changes() const;
  int64_t LastInsertRowId() const;
  bool InTransaction() const;
  // How many write transactions this connection has committed since it opened (a commit hook
  // counts them): the engine compares it around an operation to tell that data changed.
  uint64_t Commits() const { return commits_; }

  // Turns a SQLite result code into a Status with the connection's message, mapping
  // NOTADB/CORRUPT/IOERR/BUSY to their edgetally codes. `context` says what was being done.
  Status ErrorFrom(int sqlite_code, std::string_view context) const;

  sqlite3* handle() { return db_; }

 private:
  explicit Database(sqlite3* db);
  sqlite3* db_;
  uint64_t commits_ = 0;
  std::map<const char*, std::unique_ptr<Statement>> cache_;  // finalized before db_ closes
};

}  // namespace edgetally
