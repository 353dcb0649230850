// Statement: the RAII owner of one prepared sqlite3_stmt. Bind parameters by 1-based index,
// Step() until it returns false, read columns by 0-based index, Reset() to run it again.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

struct sqlite3_stmt;

namespace edgetally {

class Database;

class Statement {
 public:
  Statement(Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view text);  // copied by SQLite
  // Not copied: `text` must stay valid and unchanged until the statement is reset (Run resets).
  Statement& BindUncopied(int index, std::string_view text);
  Statement& BindNull(int index);
  Statement& BindBlob(int index, std::string_view bytes);  // copied by SQLite

  // Advances one row. Returns true when a row is available, false when done. On an error the
  // statement is reset (its message read first), so a cached statement is never left mid-step.
  Result<bool> Step();
  // Runs a statement that returns no rows (Step once, expect done).
  Status Run();
  // Clears the run state and bindings so the statement can be reused.
  void Reset();
  // For a one-row read (an aggregate, a lookup): steps once, returns column 0 as an integer (0
  // when there is no row or it is NULL) and resets the statement.
  Result<int64_t> ReadInt();

  int64_t ColumnInt(int index) const;
  double ColumnDouble(int index) const;
  std::string ColumnText(int index) const;
  bool ColumnIsNull(int index) const;
  // Views valid until the next Step, Reset or column read of another type: no copy.
  std::string_view ColumnView(int index) const;
  std::string_view ColumnBlob(int index) const;

 private:
  Database* db_;
  sqlite3_stmt* stmt_;
};

}  // namespace edgetally
