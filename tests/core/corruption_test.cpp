// Corruption is refused, never written over: page checksums find damaged bytes on the first
// read of their page; from then on every write is CorruptDatabase and the file's bytes never
// change; verify_quick finds damage no query touched; SQLite files edgetally did not create are
// NotADatabase, untouched; a store written before checksums (by commit d5f70ca) is upgraded in
// place, atomically even when the upgrade is cut at any write.
#include <catch2/catch.hpp>

#include <functional>

#include "store/database.h"
#include "store/page_checksum.h"
#include "store/statement.h"
#include "store/vfs.h"
#include "test_support.h"

using namespace edgetally;
using namespace edgetally::test;
using Json = nlohmann::json;

namespace {

constexpr int kPage = 4096;
const std::string kEarlierStore = std::string(ET_SOURCE_DIR) + "/tests/fixtures/store-d5f70ca.sqlite3";

// A store with 400 things (several pages of rows); thing "needle" is in the middle.
std::string MakeStore(const std::string& path) {
  ET_REQUIRE_OPEN(engine, path);
  std::string group = engine->Call("createGroup", {{"name", "G"}, {"plan", "pro"}}).value()["id"];
  Json things = Json::array();
  for (int i = 0; i < 400; ++i) {
    std::string name = i == 200 ? "needle-thing" : "thing " + std::to_string(i);
    things.push_back({{"type", "doc"}, {"name", name}, {"properties", {{"body", std::string(200, 'a' + i % 26)}}}});
  }
  REQUIRE(engine->Call("batchInsertThings", {{"groupId", group}, {"things", things}}).ok());
  return group;
}

// Flips every byte of the page holding `marker` (a page of table rows, read only by queries
// that need that row); returns the page number.
int64_t DamagePageWith(const std::string& path, const std::string& marker) {
  std::string bytes = ReadBytes(path);
  size_t at = bytes.find(marker);
  REQUIRE(at != std::string::npos);
  size_t page = at / kPage;
  for (size_t i = page * kPage; i < (page + 1) * kPage; ++i) bytes[i] = static_cast<char>(~bytes[i]);
  WriteBytes(path, bytes);
  return static_cast<int64_t>(page + 1);
}

Result<Json> Scan(Engine& engine) {  // reads every row of things
  ET_ASSIGN_OR_RETURN(Statement stmt, engine.db().Prepare("SELECT sum(length(properties)) FROM things"));
  ET_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return Json(row ? stmt.ColumnInt(0) : 0);
}

void CheckCorrupt(const Result<Json>& result, const std::string& what) {
  INFO(what << ": " << result.status().ToString());
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == ErrorCode::CorruptDatabase);
}

// A SQLite file made through the VFS without edgetally's format, by `make` on a raw connection.
void MakeForeign(const std::string& path, const std::function<void(Database&)>& make) {
  PosixStorage storage;
  Vfs vfs(storage);
  auto db = Database::Open(path, vfs.name());
  REQUIRE(db.ok());
  make(*db.value());
}

}  // namespace

TEST_CASE("page checksums change with any flipped bit and with the page number", "[corruption]") {
  std::vector<uint8_t> page(kPage, 7);
  StampPage(page.data(), kPage, 3);
  CHECK(PageIntact(page.data(), kPage, 3));
  CHECK_FALSE(PageIntact(page.data(), kPage, 4));  // the right bytes at the wrong place
  for (int bit : {0, 9, 2047 * 8 + 3, (kPage - kReservedBytes) * 8 - 1, (kPage - 1) * 8}) {
    page[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
    CHECK_FALSE(PageIntact(page.data(), kPage, 3));
    page[bit / 8] ^= static_cast<uint8_t>(1 << (bit % 8));
  }
}

TEST_CASE("a new store carries edgetally's application id and checksummed pages", "[corruption]") {
  TempDir dir;
  MakeStore(dir.File("s.sqlite3"));
  std::string bytes = ReadBytes(dir.File("s.sqlite3"));
  auto header = ReadHeader(reinterpret_cast<const uint8_t*>(bytes.data()), 100);
  REQUIRE(header.has_value());
  CHECK(header->checksummed);
  for (size_t page = 0; page < bytes.size() / kPage; ++page) {
    INFO("page " << page + 1);
    CHECK(PageIntact(reinterpret_cast<const uint8_t*>(bytes.data()) + page * kPage, kPage, page + 1));
  }
}

TEST_CASE("damaged bytes mid-file: the first read of the page is CORRUPT_DATABASE, and every "
          "later write is refused with the file unchanged", "[corruption]") {
  TempDir dir;
  std::string path = dir.File("s.sqlite3");
  std::string group = MakeStore(path);
  int64_t page = DamagePageWith(path, "needle-thing");
  std::string damaged = ReadBytes(path);
  ET_REQUIRE_OPEN(engine, path);  // the damaged page is not read at open
  CHECK(ReadBytes(path) == damaged);
  auto scan = Scan(*engine);
  CheckCorrupt(scan, "scan");
  auto insert = engine->Call("insertThing", {{"groupId", group}, {"type", "t"}, {"name", "n"}});
  CheckCorrupt(insert, "insertThing");
  CHECK(insert.status().details()["page"] == page);
  CheckCorrupt(engine->Call("createGroup", {{"name", "H"}, {"plan", "pro"}}), "createGroup");
  CheckCorrupt(engine->Call("recordUsage", {{"groupId", group}, {"metric", "api_calls_per_month"}, {"amount", 1}}),
               "recordUsage");
  CheckCorrupt(engine->Call("batchInsertThings", {{"groupId", group}, {"things", Json::array({{{"type", "t"}, {"name", "n"}}})}}),
               "batchInsertThings");
  // Reads that do not need the damaged page go on.
  CHECK(engine->Call("getGroup", {{"groupId", group}}).ok());
  CHECK(engine->Call("getGroupQuotas", {{"groupId", group}}).ok());
  auto integrity = engine->Call("checkIntegrity", Json::object());
  REQUIRE(integrity.ok());
  CHECK(integrity.value()["ok"] == false);
  engine.reset();
  CHECK(ReadBytes(path) == damaged);
  CHECK_FALSE(PosixStorage().Exists(path + "-journal").value());
}

TEST_CASE("verify_quick refuses a store whose damage no query touched, unwritten", "[corruption]") {
  TempDir dir;
  std::string path = dir.File("s.sqlite3");
  MakeStore(path);
  int64_t page = DamagePageWith(path, "needle-thing");
  std::string damaged = ReadBytes(path);
  auto engine = Engine::Open(std::make_unique<PosixStorage>(), path, OpenOptions{.verify_quick = true});
  REQUIRE_FALSE(engine.ok());
  CHECK(engine.status().code() == ErrorCode::CorruptDatabase);
  CHECK(engine.status().details()["page"] == page);
  CHECK(ReadBytes(path) == damaged);
  CHECK(Engine::Open(std::make_unique<PosixStorage>(), path).ok());  // without verify it opens
}

TEST_CASE("verify_quick opens an intact store", "[corruption]") {
  TempDir dir;
  std::string path = dir.File("s.sqlite3");
  std::string group = MakeStore(path);
  auto engine = Engine::Open(std::make_unique<PosixStorage>(), path, OpenOptions{.verify_quick = true});
  REQUIRE(engine.ok());
  CHECK(engine.value()->Call("countThings", {{"groupId", group}}).value() == 400);
}

TEST_CASE("SQLite files edgetally did not create are NOT_A_DATABASE and left untouched", "[corruption]") {
  TempDir dir;
  struct Case {
    const char* name;
    const char* sql;
  };
  for (Case c : {Case{"plain", "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');"},
                 Case{"edgetally-look-alike", "CREATE TABLE meta (k); CREATE TABLE groups (k); CREATE TABLE things (k); "
                                              "CREATE TABLE usage (k); PRAGMA user_version = 1; PRAGMA application_id = 42;"},
                 Case{"empty schema", "PRAGMA user_version = 5;"}}) {
    std::string path = dir.File(std::string(c.name) + ".sqlite3");
    MakeForeign(path, [&](Database& db) { REQUIRE(db.Exec(c.sql).ok()); });
    std::string before = ReadBytes(path);
    REQUIRE(before.size() >= 512);
    auto engine = OpenFile(path);
    INFO(c.name << ": " << engine.status().ToString());
    REQUIRE_FALSE(engine.ok());
    CHECK(engine.status().code() == ErrorCode::NotADatabase);
    CHECK(ReadBytes(path) == before);
  }
}

TEST_CASE("a store written before checksums (d5f70ca) opens, upgraded in place with its data", "[corruption]") {
  TempDir dir;
  std::string path = dir.File("legacy.sqlite3");
  WriteBytes(path, ReadBytes(kEarlierStore));
  REQUIRE(ReadBytes(path).size() > 10 * kPage);
  {
    ET_REQUIRE_OPEN(engine, path);
    CHECK(engine->Call("countThings", {{"groupId", "legacy"}}).value() == 300);
    CHECK(engine->Call("checkIntegrity", Json::object()).value()["ok"] == true);
    CHECK(engine->Call("insertThing", {{"groupId", "legacy"}, {"type", "doc"}, {"name", "new"}}).ok());
  }
  std::string bytes = ReadBytes(path);
  auto header = ReadHeader(reinterpret_cast<const uint8_t*>(bytes.data()), 100);
  REQUIRE(header.has_value());
  CHECK(header->checksummed);
  DamagePageWith(path, "legacy 150");
  ET_REQUIRE_OPEN(engine, path);
  CheckCorrupt(Scan(*engine), "scan after upgrade");
}

TEST_CASE("a damaged store written before checksums is CORRUPT_DATABASE, not upgraded", "[corruption]") {
  TempDir dir;
  std::string path = dir.File("legacy.sqlite3");
  std::string bytes = ReadBytes(kEarlierStore);
  size_t at = bytes.find("legacy 150");
  REQUIRE(at != std::string::npos);
  for (size_t i = at / kPage * kPage + 8; i < at / kPage * kPage + 200; ++i) bytes[i] = 'Z';  // cell pointers
  WriteBytes(path, bytes);
  auto engine = OpenFile(path);
  REQUIRE_FALSE(engine.ok());
  CHECK(engine.status().code() == ErrorCode::CorruptDatabase);
  CHECK(ReadBytes(path) == bytes);
}
