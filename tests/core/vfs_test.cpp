// VFS: an interrupted transaction never leaves a corrupt or half-applied database. A backend
// that "loses power" after N writes stands in for a killed process; the test tries every N
// across a whole batch commit and reopens the file on real storage each time.
#include <catch2/catch.hpp>

#include <cstdio>

#include "store/memory_storage.h"
#include "store/statement.h"
#include "power_cut.h"
#include "test_support.h"

using namespace edgetally;
using namespace edgetally::test;

namespace {

nlohmann::json Batch(int n) {
  nlohmann::json things = nlohmann::json::array();
  for (int i = 0; i < n; ++i) {
    things.push_back({{"type", "doc"}, {"name", "d" + std::to_string(i)},
                      {"properties", {{"blob", std::string(500, 'a' + i % 26)}}}});
  }
  return things;
}

}  // namespace

TEST_CASE("a transaction cut at any write leaves the previous state, never corruption", "[vfs]") {
  TempDir dir;
  std::string path = dir.File("cut.sqlite3");
  std::string group_id;
  {
    ET_REQUIRE_OPEN(engine, path);
    group_id = engine->Call("createGroup", {{"name", "G"}, {"plan", "pro"}}).value()["id"];
    REQUIRE(engine->Call("batchInsertThings", {{"groupId", group_id}, {"things", Batch(50)}}).ok());
  }
  std::string committed = ReadBytes(path);
  bool reached_full_commit = false;
  int budgets_tried = 0;
  for (int budget = 0; budget < 400 && !reached_full_commit; ++budget) {
    ++budgets_tried;
    WriteBytes(path, committed);
    {
      auto backend = std::make_unique<PowerCut>(budget);
      PowerCut* cut = backend.get();
      auto engine = Engine::Open(std::move(backend), path);
      REQUIRE(engine.ok());
      auto batch = engine.value()->Call("batchInsertThings",
                                        {{"groupId", group_id}, {"things", Batch(200)}});
      reached_full_commit = batch.ok() && !cut->spent();
    }
    ET_REQUIRE_OPEN(reopened, path);
    auto check = reopened->db().Prepare("PRAGMA integrity_check");
    REQUIRE(check->Step().value());
    INFO("write budget " << budget);
    CHECK(check->ColumnText(0) == "ok");
    int64_t count = reopened->Call("countThings", {{"groupId", group_id}}).value();
    CHECK((count == 50 || count == 250));
    if (reached_full_commit) CHECK(count == 250);
  }
  CHECK(reached_full_commit);
  // the commit took many writes and syncs (gathered into runs by the VFS, each torn when the
  // power goes out inside it); each was a cut point
  CHECK(budgets_tried > 10);
}

TEST_CASE("the checksum upgrade of an earlier store cut at any write leaves it whole", "[vfs]") {
  TempDir dir;
  std::string path = dir.File("legacy.sqlite3");
  std::string earlier = ReadBytes(std::string(ET_SOURCE_DIR) + "/tests/fixtures/store-d5f70ca.sqlite3");
  bool upgraded = false;
  int budget = 0;
  for (; budget < 1000 && !upgraded; ++budget) {
    WriteBytes(path, earlier);
    std::remove((path + "-journal").c_str());
    {
      auto backend = std::make_unique<PowerCut>(budget);
      PowerCut* cut = backend.get();
      auto engine = Engine::Open(std::move(backend), path);
      upgraded = engine.ok() && !cut->spent();
    }
    ET_REQUIRE_OPEN(reopened, path);
    INFO("write budget " << budget);
    CHECK(reopened->Call("checkIntegrity", nlohmann::json::object()).value()["ok"] == true);
    CHECK(reopened->Call("countThings", {{"groupId", "legacy"}}).value() == 300);
  }
  CHECK(upgraded);
  CHECK(budget > 20);  // the upgrade took many writes; each was a cut point
}

TEST_CASE("memory storage reads back what was written, short reads at end of file", "[vfs]") {
  MemoryStorage storage;
  auto file = storage.Open("f", true);
  REQUIRE(file.ok());
  const uint8_t data[] = {1, 2, 3, 4};
  REQUIRE(file.value()->Write(data, 4, 10).ok());
  CHECK(file.value()->Size().value() == 14);
  uint8_t out[8] = {};
  CHECK(file.value()->Read(out, 8, 10).value() == 4);
  CHECK(out[3] == 4);
  CHECK(storage.Exists("f").value());
  REQUIRE(storage.Delete("f").ok());
  CHECK_FALSE(storage.Exists("f").value());
  CHECK_FALSE(storage.Open("f", false).ok());
}
