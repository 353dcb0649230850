// Page cache wrapper (store/page_cache.h): installed before SQLite starts, and a memory
// database written where B-tree balances move pages through the temporary page number
// (one-row transactions with random keys), rolled back in part and shrunk, reads back exactly
// what was committed, passes SQLite's integrity check, and gives back the pages past the end.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>

#include <sqlite3.h>

#include "store/database.h"
#include "store/page_cache.h"
#include "store/statement.h"
#include "test_support.h"

using namespace edgetally;

namespace {

std::string RandomKey(std::mt19937_64& rng) {
  static const char* kHex = "0123456789abcdef";
  std::string key(32, '0');
  for (char& c : key) c = kHex[rng() % 16];
  return key;
}

std::map<std::string, int64_t> ReadAll(Database& db) {
  std::map<std::string, int64_t> rows;
  auto stmt = db.Prepare("SELECT k, v FROM t");
  REQUIRE(stmt.ok());
  while (stmt->Step().value()) rows[std::string(stmt->ColumnText(0))] = stmt->ColumnInt(1);
  return rows;
}

// Bytes the connection's page cache holds.
int CacheBytes(Database& db) {
  int used = 0, high = 0;
  REQUIRE(sqlite3_db_status(db.handle(), SQLITE_DBSTATUS_CACHE_USED, &used, &high, 0) == SQLITE_OK);
  return used;
}

std::string IntegrityCheck(Database& db) {
  auto stmt = db.Prepare("PRAGMA integrity_check");
  REQUIRE(stmt.ok());
  REQUIRE(stmt->Step().value());
  return std::string(stmt->ColumnText(0));
}

}  // namespace

TEST_CASE("page cache: the wrapper is SQLite's page cache once a store opened", "[page_cache]") {
  test::EngineFixture fixture("pro");
  CHECK(PageCacheInstalled());
}

TEST_CASE("page cache: random-key writes, rollbacks and a shrink read back what was committed", "[page_cache]") {
  test::EngineFixture fixture("pro");  // a memory store: every page stays cached
  Database& db = fixture.engine->db();
  REQUIRE(db.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL UNIQUE, v INTEGER NOT NULL, "
                  "pad TEXT NOT NULL)").ok());
  std::mt19937_64 rng(8);
  std::map<std::string, int64_t> expected;
  auto insert = db.Prepare("INSERT INTO t (k, v, pad) VALUES (?1, ?2, substr(hex(zeroblob(200)), 1, 60 + ?2 % 200))");
  REQUIRE(insert.ok());
  for (int i = 0; i < 6000; ++i) {
    bool keep = i % 7 != 3;  // every seventh transaction rolls back
    REQUIRE(db.Exec("BEGIN").ok());
    std::string key = RandomKey(rng);
    insert->Bind(1, key).Bind(2, static_cast<int64_t>(i));
    REQUIRE(insert->Run().ok());
    REQUIRE(db.Exec(keep ? "COMMIT" : "ROLLBACK").ok());
    if (keep) expected[key] = i;
  }
  CHECK(ReadAll(db) == expected);
  CHECK(IntegrityCheck(db) == "ok");

  // Deleting most rows frees pages at the end of the file; a rolled-back delete keeps them.
  REQUIRE(db.Exec("BEGIN; DELETE FROM t WHERE v % 3 = 0; ROLLBACK").ok());
  CHECK(ReadAll(db) == expected);
  int before = CacheBytes(db);
  REQUIRE(db.Exec("DELETE FROM t WHERE v % 4 != 0").ok());
  for (auto it = expected.begin(); it != expected.end();) it = it->second % 4 != 0 ? expected.erase(it) : ++it;
  REQUIRE(db.Exec("VACUUM").ok());
  CHECK(CacheBytes(db) < before / 2);  // the shrink dropped the pages past the new end
  CHECK(ReadAll(db) == expected);
  CHECK(IntegrityCheck(db) == "ok");
}
