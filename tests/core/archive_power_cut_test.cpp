// Archival cut at any write: a store whose power goes out at every possible write of an
// archival commit (and of the reclaim after it, or of the run's last commit that reclaims and
// records the run itself) reopens whole, with every event either hot or in exactly one chunk,
// hot + archived = written, and every metric as before.
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
  Json chunks = engine.Call("listArchives", Json::object()).value();
  for (const Json& chunk : chunks) {
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

// The run's end as the JS runner takes it: the last chunk's commit carries finish (reclaim and
// the run's record). `folded` false: separate archiveReclaim and archiveFinishRun calls.
bool RunArchival(Engine& engine, const std::string& group, bool folded) {
  // 335 events are older than the cutoff: chunks of 84, 84, 84 and the last 83
  Json finish = folded ? Json{{"archived", 335}, {"reclaimPages", 100000}} : Json(nullptr);
  bool ok = true;
  for (int i = 0; i < 4 && ok; ++i) ok = ArchiveOnce(engine, {{"groupId", group}, {"maxEvents", 84}}, finish).ok();
  if (folded) return ok;
  ok = ok && engine.Call("archiveReclaim", {{"maxPages", 100000}}).ok();
  return ok && engine.Call("archiveFinishRun", {{"groupId", group}, {"outcome", "ok"}, {"archived", 335}}).ok();
}

}  // namespace

TEST_CASE("an archival run cut at any write leaves every event hot or in exactly one chunk", "[archive][vfs]") {
  bool folded = GENERATE(false, true);
  INFO((folded ? "the last commit reclaims and records the run" : "reclaim and record in calls of their own"));
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
  for (; budget < 3000 && !finished; budget += 1) {  // writes are gathered (store/write_behind.h): few, each a cut point
    WriteBytes(path, before);
    std::remove((path + "-journal").c_str());
    {
      auto backend = std::make_unique<PowerCut>(budget);
      PowerCut* cut = backend.get();
      auto opened = Engine::Open(std::move(backend), path);
      if (opened.ok()) {
        Engine& engine = *opened.value();
        engine.SetClockForTesting([] { return kNow; });
        finished = RunArchival(engine, group, folded) && !cut->spent();
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
    Json run = reopened->Call("getArchivalStatus", {{"groupId", group}}).value()["groups"][0]["lastRun"];
    // folded: the last chunk and the run's record are one transaction, both there or neither
    if (folded) CHECK((archived == 335) == (run.is_object() && run["outcome"] == "ok"));
    if (finished) {
      CHECK(archived == 335);
      CHECK(run["outcome"] == "ok");
      CHECK(reopened->Call("archivePages", Json::object()).value()["freePages"] == 0);
    }
  }
  CHECK(finished);
  CHECK(budget > 20);  // the run took many writes and syncs; each tried was a cut point
}
