// Store: opening, migrations, persistence through the VFS, and refusal of bad files without
// touching them.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include "store/migrations.h"
#include "store/statement.h"
#include "test_support.h"

using namespace edgetally;
using namespace edgetally::test;
using Json = nlohmann::json;

namespace {
int64_t CountRows(Engine& engine, const std::string& table) {
  auto stmt = engine.db().Prepare("SELECT count(*) FROM " + table);
  REQUIRE(stmt.ok());
  REQUIRE(stmt->Step().value());
  return stmt->ColumnInt(0);
}
}  // namespace

TEST_CASE("a new store is migrated to the latest schema with every table", "[store]") {
  TempDir dir;
  ET_REQUIRE_OPEN(engine, dir.File("a.sqlite3"));
  auto version = ReadSchemaVersion(engine->db());
  REQUIRE(version.ok());
  CHECK(version.value() == LatestSchemaVersion());
  for (const char* table : {"groups", "things", "connections", "events", "usage", "rollups",
                            "archives", "outbox", "meta"}) {
    CHECK(CountRows(*engine, table) >= 0);
  }
}

TEST_CASE("device id is created once and kept across reopen", "[store]") {
  TempDir dir;
  std::string first;
  {
    ET_REQUIRE_OPEN(engine, dir.File("a.sqlite3"));
    first = engine->Info().value()["deviceId"];
    CHECK(first.size() == 32);
  }
  ET_REQUIRE_OPEN(engine, dir.File("a.sqlite3"));
  CHECK(engine->Info().value()["deviceId"] == first);
}

TEST_CASE("committed data survives close and reopen", "[store]") {
  TempDir dir;
  std::string group_id;
  {
    ET_REQUIRE_OPEN(engine, dir.File("a.sqlite3"));
    auto group = engine->Call("createGroup", {{"name", "Acme"}, {"plan", "pro"}});
    REQUIRE(group.ok());
    group_id = group.value()["id"];
    REQUIRE(engine->Call("insertThing", {{"groupId", group_id}, {"type", "course"},
                                         {"name", "Intro"}}).ok());
  }
  ET_REQUIRE_OPEN(engine, dir.File("a.sqlite3"));
  auto count = engine->Call("countThings", {{"groupId", group_id}});
  REQUIRE(count.ok());
  CHECK(count.value() == 1);
}

TEST_CASE("a file that is not a database is refused and left unchanged", "[store][bad-input]") {
  TempDir dir;
  std::string path = dir.File("junk.sqlite3");
  std::string junk(8192, 'x');
  WriteBytes(path, junk);
  auto engine = OpenFile(path);
  REQUIRE_FALSE(engine.ok());
  CHECK(engine.status().code() == ErrorCode::NotADatabase);
  CHECK(ReadBytes(path) == junk);
}

TEST_CASE("a corrupt database is refused and left unchanged", "[store][bad-input]") {
  TempDir dir;
  std::string path = dir.File("c.sqlite3");
  { ET_REQUIRE_OPEN(engine, path); }
  std::string bytes = ReadBytes(path);
  REQUIRE(bytes.size() > 4096);
  for (size_t i = 100; i < 4096; ++i) bytes[i] = static_cast<char>(i * 7);  // page 1 body
  WriteBytes(path, bytes);
  auto engine = OpenFile(path);
  REQUIRE_FALSE(engine.ok());
  CHECK(engine.status().code() == ErrorCode::CorruptDatabase);
  CHECK(ReadBytes(path) == bytes);
}

TEST_CASE("a database from a newer schema is refused and left unchanged", "[store][bad-input]") {
  TempDir dir;
  std::string path = dir.File("new.sqlite3");
  {
    ET_REQUIRE_OPEN(engine, path);
    REQUIRE(engine->db().Exec("PRAGMA user_version = 999").ok());
  }
  std::string before = ReadBytes(path);
  auto engine = OpenFile(path);
  REQUIRE_FALSE(engine.ok());
  CHECK(engine.status().code() == ErrorCode::SchemaTooNew);
  CHECK(engine.status().details()["found"] == 999);
  CHECK(ReadBytes(path) == before);
}

TEST_CASE("a missing directory is an I/O error naming the path", "[store][bad-input]") {
  auto engine = OpenFile("/nonexistent-dir-for-edgetally/x.sqlite3");
  REQUIRE_FALSE(engine.ok());
  CHECK(engine.status().code() == ErrorCode::IoError);
  CHECK_THAT(engine.status().message(), Catch::Contains("nonexistent-dir-for-edgetally"));
}

TEST_CASE("an in-memory engine works without a backend", "[store]") {
  auto engine = Engine::Open(nullptr, "");
  REQUIRE(engine.ok());
  CHECK(engine.value()->Call("createGroup", {{"name", "M"}, {"plan", "starter"}}).ok());
}

// Statement::Step resets a statement whose step failed, its message read first (05e2ed5; the
// callers' own reset-on-error loops in archive and activity are gone): the error keeps its
// message, no statement is left running, a cached statement used again starts over, and
// ExecCached, which reads the message after that reset, says what Exec says.
TEST_CASE("a failed step keeps its message, leaves no statement running; the cached one starts over", "[store]") {
  auto engine = Engine::Open(nullptr, "");
  REQUIRE(engine.ok());
  Database& db = engine.value()->db();
  // rows 1 and 2, then a runtime error (abs of the smallest int64 overflows) at row 3
  static const char* kSql =
      "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5) "
      "SELECT CASE WHEN x < 3 THEN x ELSE abs(-9223372036854775807 - 1) END FROM n";
  auto busy = [&] {
    int n = 0;
    for (sqlite3_stmt* s = sqlite3_next_stmt(db.handle(), nullptr); s; s = sqlite3_next_stmt(db.handle(), s)) {
      n += sqlite3_stmt_busy(s) != 0;
    }
    return n;
  };
  for (int round = 0; round < 2; ++round) {
    auto stmt = db.Cached(kSql);
    REQUIRE(stmt.ok());
    REQUIRE(stmt.value()->Step().value());
    CHECK(stmt.value()->ColumnInt(0) == 1);  // a reused statement starts from the first row
    REQUIRE(stmt.value()->Step().value());
    CHECK(busy() == 1);
    Result<bool> failed = stmt.value()->Step();
    REQUIRE_FALSE(failed.ok());
    CHECK_THAT(failed.status().message(), Catch::Contains("integer overflow"));
    CHECK(busy() == 0);
  }
  // ExecCached reads its message after Step's reset: the same message as Exec
  static const char* kOverflow = "SELECT abs(-9223372036854775807 - 1)";
  Status exec = db.Exec(kOverflow);
  Status cached = db.ExecCached(kOverflow);
  REQUIRE_FALSE(exec.ok());
  CHECK(cached.message() == exec.message());
  CHECK(cached.code() == exec.code());
}
