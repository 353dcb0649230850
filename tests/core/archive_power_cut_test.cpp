// Archival cut at any write: a store whose power goes out at every possible write of an
// archival commit (and of the reclaim after it) reopens whole, with every event either hot or
// in exactly one chunk, hot + archived = written, and every metric as before.
#include <set>

#include <catch2/catch.hpp>

#include "archive_support.h"
#include "power_cut.h"
#include "store/statement.h"
#include "test_support.h"

using namespace edgetally;
using namespace edgetally::test;
using Json = nlohmann::json;

namespace {

constexpr int64_t kDay = 86400000;
constexpr int64_t kNow = 1767225600000;  // 2026-01-01T00:00:00Z

int64_t Count(Engine& engine, const std::string& sql) {
  auto stmt = engine.db().Prepare(sql);
  REQUIRE(stmt.ok());
  REQUIRE(stmt->Step().value());
  return stmt->ColumnInt(0);
}

// Every event id, hot or in a chunk (read back through the verified path); none twice.
std::set<int64_t> AllIds(Engine& engine) {
  std::set<int64_t> ids;
  auto hot = engine.db().Prepare("SELECT id FROM events");
  while (hot->Step().value()) REQUIRE(ids.insert(hot->ColumnInt(0)).second);
  for (const Json& chunk : engine.Call("listArchives", Json::object()).value()) {
    REQUIRE(engine.Call("syncReadArchive", {{"id", chunk["chunkId"]}}).ok());
    std::string text = GunzipStored(*engine.TakeResultBytes());
    for (size_t at = 0; at < text.size();) {
      size_t end = text.find('\n', at);
      INFO("chunk " << chunk["chunkId"]);
      REQUIRE(ids.insert(Json::parse(text.substr(at, end - at))["id"].get<int64_t>()).second);
      at = end + 1;
    }
  }
  return ids;
}

}  // namespace

TEST_CASE("an archival run cut at any write leaves every event hot or in exactly one chunk", "[archive][vfs]") {
  TempDir dir;
  std::string path = dir.File("cut.sqlite3");
  std::string group;
  Json metrics;
  const int64_t written = 600;
  {
    ET_REQUIRE_OPEN(engine, path);
    engine->SetClockForTesting([] { return kNow; });
    group = engine->Call("createGroup", {{"name", "G"}, {"plan", "enterprise"}}).value()["id"];
    Json rows = Json::array();
    for (int64_t i = 0; i < written; ++i) {
      rows.push_back({{"type", i % 2 ? "view" : "payment"}, {"amount", i}, {"ts", kNow - 700 * kDay + i * kDay},
                      {"metadata", {{"pad", std::string(200, 'p')}}}});
    }
    REQUIRE(engine->Call("logEvents", {{"groupId", group}, {"events", rows}}).ok());
    metrics = engine->Call("getGroupMetrics", {{"groupId", group}}).value()["_computed"];
  }
  std::string before = ReadBytes(path);
  bool finished = false;
  int budget = 0;
  for (; budget < 3000 && !finished; budget += 5) {
    WriteBytes(path, before);
    std::remove((path + "-journal").c_str());
    {
      auto backend = std::make_unique<PowerCut>(budget);
      PowerCut* cut = backend.get();
      auto opened = Engine::Open(std::move(backend), path);
      if (opened.ok()) {
        Engine& engine = *opened.value();
        engine.SetClockForTesting([] { return kNow; });
        bool ok = true;
        for (int i = 0; i < 4 && ok; ++i) ok = ArchiveOnce(engine, {{"groupId", group}, {"maxEvents", 80}}).ok();
        ok = ok && engine.Call("archiveReclaim", {{"maxPages", 100000}}).ok();
        finished = ok && !cut->spent();
      }
    }
    ET_REQUIRE_OPEN(reopened, path);
    reopened->SetClockForTesting([] { return kNow; });
    INFO("write budget " << budget);
    REQUIRE(reopened->Call("checkIntegrity", Json::object()).value()["ok"] == true);
    int64_t hot = Count(*reopened, "SELECT count(*) FROM events");
    int64_t archived = Count(*reopened, "SELECT coalesce(sum(event_count), 0) FROM archives");
    CHECK(hot + archived == written);
    CHECK(AllIds(*reopened).size() == static_cast<size_t>(written));
    CHECK(reopened->Call("getGroupMetrics", {{"groupId", group}}).value()["_computed"] == metrics);
    if (finished) CHECK(archived == 320);
  }
  CHECK(finished);
  CHECK(budget > 30);  // the run took many writes; each tried was a cut point
}
