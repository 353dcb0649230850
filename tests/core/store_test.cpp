// Store: opening, migrations, persistence through the VFS, and refusal of bad files without
// touching them.
#include <catch2/catch.hpp>

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
