// A run's steps as the JS runner takes them (js/archive/runner.js, engine-steps.js): the next
// chunk prepared after one not yet committed is the chunk the store would prepare once the first
// committed, and the run's last commit, carrying `finish`, also gives free pages back and records
// the run, all in its one transaction.
#include <catch2/catch.hpp>

#include "archive_support.h"
#include "store/statement.h"
#include "test_support.h"

using namespace edgetally;
using namespace edgetally::test;
using Json = nlohmann::json;

namespace {


Json Must(Result<Json> result) {
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  return result.value();
}

// A store with `n` events, one every 2 days back from now, with metadata to give them weight.
std::string Populate(Engine& engine, int64_t n, const int64_t* now = nullptr) {
  engine.SetClockForTesting([now] { return now ? *now : kNow; });
  std::string group = Must(engine.Call("createGroup", {{"name", "G"}, {"plan", "enterprise"}}))["id"];
  Json rows = Json::array();
  for (int64_t i = 0; i < n; ++i) {
    rows.push_back({{"type", i % 2 ? "view" : "payment"}, {"amount", i}, {"ts", kNow - 2 * n * kDay + 2 * i * kDay},
                    {"metadata", {{"pad", std::string(300, 'a' + i % 26)}}}});
  }
  REQUIRE(Must(engine.Call("logEvents", {{"groupId", group}, {"events", rows}}))["failed"] == 0);
  return group;
}

}  // namespace

TEST_CASE("the chunk prepared after an uncommitted one is the chunk prepared once it committed", "[archive]") {
  std::unique_ptr<Engine> engine = std::move(Engine::Open(nullptr, "").value());
  std::string group = Populate(*engine, 400);
  Json args = {{"groupId", group}, {"daysCutoff", 365}, {"maxEvents", 60}};
  Json first = Must(engine->Call("archivePrepare", args));
  std::string first_ndjson = *engine->TakeResultBytes();
  REQUIRE(first["more"] == true);
  Json after = {{"ts", first["range"]["lastTs"]}, {"id", first["range"]["lastId"]}};
  Json ahead = Must(engine->Call("archivePrepareNext", {{"groupId", group}, {"daysCutoff", 365}, {"maxEvents", 60}, {"after", after}}));
  std::string ahead_ndjson = *engine->TakeResultBytes();
  REQUIRE(Must(engine->CallText("archiveCommit", CommitPayload(first, GzipStored(first_ndjson))))["events"] == 60);
  Json next = Must(engine->Call("archivePrepare", args));
  CHECK(ahead["range"] == next["range"]);
  CHECK(ahead["events"] == next["events"]);
  CHECK(ahead["more"] == next["more"]);
  CHECK(ahead_ndjson == *engine->TakeResultBytes());
  CHECK(ahead["range"]["firstTs"].get<int64_t>() > first["range"]["lastTs"].get<int64_t>());
  // the public step takes no `after`: only the runner's internal one does
  CHECK(engine->Call("archivePrepare", {{"groupId", group}, {"after", after}}).status().code() == ErrorCode::InvalidArgument);
}

TEST_CASE("the run's last commit with finish reclaims pages and records the run in its transaction", "[archive]") {
  TempDir dir;
  ET_REQUIRE_OPEN(engine, dir.File("run.sqlite3"));
  int64_t now = kNow;
  std::string group = Populate(*engine, 400, &now);
  // 218 events are older than 365 days: chunks of 110 and 108
  Json args = {{"groupId", group}, {"daysCutoff", 365}, {"maxEvents", 110}};
  Json finish = {{"archived", 218}, {"reclaimPages", 1 << 20}};
  Json chunk = Must(ArchiveOnce(*engine, args, finish));
  CHECK(chunk["finished"].is_null());  // not the last chunk: no finish taken
  // the test's gzip stores the NDJSON as it is, so the first body fills the pages its events
  // left; uploaded and dropped by retention, it leaves them free for the last commit to give back
  Must(engine->Call("syncMarkArchiveUploaded", {{"id", chunk["chunkId"]}, {"sha256", chunk["sha256"]}}));
  now += 1;
  REQUIRE(Must(engine->Call("pruneArchiveBodies", {{"olderThanDays", 0}}))["dropped"] == 1);
  uint64_t commits_before = engine->db().Commits();
  Json last = Must(ArchiveOnce(*engine, args, finish));
  CHECK(engine->db().Commits() - commits_before == 1);  // chunk, reclaim and record: one transaction
  int64_t archived = 110 + last["events"].get<int64_t>();
  CHECK(archived == 218);
  Json finished = last["finished"];
  CHECK(finished["spaceAfterDelete"]["freePages"].get<int64_t>() > 0);
  CHECK(finished["space"]["freePages"] == 0);
  CHECK(finished["space"]["pages"].get<int64_t>() < finished["spaceAfterDelete"]["pages"].get<int64_t>());
  CHECK(finished["reclaimMs"].get<double>() >= 0);
  Json status = Must(engine->Call("getArchivalStatus", {{"groupId", group}}))["groups"][0];
  CHECK(status["lastRun"]["outcome"] == "ok");
  CHECK(status["lastRun"]["at"] == now);
  CHECK(status["lastRun"]["archived"] == archived);
  CHECK(status["eventsArchived"] == archived);
  CHECK(status["eventsDue"] == 0);
  CHECK(Must(engine->Call("checkIntegrity", Json::object()))["ok"] == true);
}

TEST_CASE("a commit's finish is checked like every argument: a bad one is refused and nothing changes", "[archive]") {
  std::unique_ptr<Engine> engine = std::move(Engine::Open(nullptr, "").value());
  std::string group = Populate(*engine, 400);
  Json prepared = Must(engine->Call("archivePrepare", {{"groupId", group}, {"daysCutoff", 365}}));
  std::optional<std::string> ndjson = engine->TakeResultBytes();
  REQUIRE(ndjson);
  std::string gzip = GzipStored(*ndjson);
  for (const Json& bad : {Json{{"archived", -1}, {"reclaimPages", 10}}, Json{{"archived", 5}},
                          Json{{"archived", 5}, {"reclaimPages", 10}, {"outcome", "ok"}}}) {
    INFO(bad.dump());
    Status refused = engine->CallText("archiveCommit", CommitPayload(prepared, gzip, bad)).status();
    CHECK(refused.code() == ErrorCode::InvalidArgument);
    CHECK(refused.message().find("finish") != std::string::npos);
  }
  auto hot = engine->db().Prepare("SELECT count(*) FROM events");
  REQUIRE(hot->Step().value());
  CHECK(hot->ColumnInt(0) == 400);
  CHECK(Must(engine->Call("getArchivalStatus", {{"groupId", group}}))["groups"][0]["lastRun"].is_null());
}
