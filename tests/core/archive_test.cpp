// Archival (src/archive, api/archive_ops): old events leave the hot table as chunks that hold
// exactly them, bounded by events and bytes, verified by SHA-256 on every read; bad input and
// a prepared chunk whose events changed are refused with nothing changed; sync's side (pending,
// mark uploaded) and body retention; the daily schedule and its catch-up; space given back.
#include <set>

#include <catch2/catch.hpp>

#include "archive/sha256.h"
#include "archive/space.h"
#include "archive_support.h"
#include "store/database.h"
#include "store/memory_storage.h"
#include "store/statement.h"
#include "store/vfs.h"
#include "test_support.h"

using namespace edgetally;
using namespace edgetally::test;
using Json = nlohmann::json;

namespace {


struct Archival {
  std::unique_ptr<Engine> engine;
  int64_t now = kNow;
  std::string group;
  int64_t written = 0;

  explicit Archival(std::unique_ptr<Engine> e, const std::string& plan = "enterprise") : engine(std::move(e)) {
    engine->SetClockForTesting([this] { return now; });
    group = Call("createGroup", {{"name", "G"}, {"plan", plan}})["id"];
  }
  Json Call(const std::string& op, const Json& args) {
    auto result = engine->Call(op, args);
    INFO(op << " " << args.dump().substr(0, 200) << " -> " << result.status().ToString());
    REQUIRE(result.ok());
    return result.value();
  }
  // `n` events spread over the last `days` days, oldest first, one a day apart in ms order.
  void Log(int64_t n, int64_t days, const std::string& g = "") {
    Json rows = Json::array();
    for (int64_t i = 0; i < n; ++i) {
      rows.push_back({{"type", i % 3 ? "view" : "payment"}, {"amount", 100 + i}, {"ts", now - days * kDay + i * (days * kDay / n)},
                      {"metadata", {{"i", i}, {"note", "line \"quoted\"\n"}}}});
    }
    Json result = Call("logEvents", {{"groupId", g.empty() ? group : g}, {"events", rows}});
    REQUIRE(result["failed"] == 0);
    written += n;
  }
  int64_t Count(const std::string& sql) {
    auto stmt = engine->db().Prepare(sql);
    REQUIRE(stmt.ok());
    REQUIRE(stmt->Step().value());
    return stmt->ColumnInt(0);
  }
  int64_t Hot() { return Count("SELECT count(*) FROM events"); }
  int64_t Archived() { return Count("SELECT coalesce(sum(event_count), 0) FROM archives"); }
  Json Events(int64_t chunk_id) {  // the chunk's lines, through the verified read
    Call("syncReadArchive", {{"id", chunk_id}});
    std::string text = GunzipStored(*engine->TakeResultBytes());
    Json lines = Json::array();
    for (size_t at = 0; at < text.size();) {
      size_t end = text.find('\n', at);
      lines.push_back(Json::parse(text.substr(at, end - at)));
      at = end + 1;
    }
    return lines;
  }
};

Status CallStatus(Engine& engine, const std::string& op, const Json& args) { return engine.Call(op, args).status(); }

}  // namespace

TEST_CASE("archival moves exactly the events older than the cutoff into chunks", "[archive]") {
  Archival a(std::move(Engine::Open(nullptr, "").value()));
  a.Log(400, 400);
  int64_t old = a.Count("SELECT count(*) FROM events WHERE ts < " + std::to_string(kNow - 365 * kDay));
  Json chunks = ArchiveAll(*a.engine, {{"groupId", a.group}, {"maxEvents", 7}});
  CHECK(a.Archived() == old);
  CHECK(a.Hot() + a.Archived() == a.written);
  CHECK(a.Count("SELECT count(*) FROM events WHERE ts < " + std::to_string(kNow - 365 * kDay)) == 0);
  std::set<int64_t> ids;
  for (const Json& chunk : chunks) {
    CHECK(chunk["events"].get<int64_t>() <= 7);
    CHECK(chunk["state"] == "pending");
    Json lines = a.Events(chunk["chunkId"]);
    REQUIRE(lines.size() == chunk["events"].get<size_t>());
    for (const Json& e : lines) {
      CHECK(ids.insert(e["id"].get<int64_t>()).second);  // no event in two chunks
      CHECK(e["ts"] >= chunk["fromTs"]);
      CHECK(e["ts"] <= chunk["toTs"]);
      CHECK(e["groupId"] == a.group);
    }
  }
  // the line format: every key, in order, metadata as logged
  Json first = a.Events(chunks[0]["chunkId"])[0];
  std::vector<std::string> keys;
  for (auto it = first.begin(); it != first.end(); ++it) keys.push_back(it.key());
  CHECK(keys.size() == 9);
  CHECK(first["metadata"]["note"] == "line \"quoted\"\n");
  CHECK(first["type"] == "payment");
  CHECK(first["amount"] == 100);
  CHECK(first["actorId"].is_null());
}

TEST_CASE("chunks are bounded by events and by NDJSON bytes", "[archive]") {
  Archival a(std::move(Engine::Open(nullptr, "").value()));
  a.Log(60, 500);
  Json prepared = a.Call("archivePrepare", {{"groupId", a.group}, {"maxBytes", 1024}});
  std::string ndjson = *a.engine->TakeResultBytes();
  CHECK(ndjson.size() <= 1024);
  CHECK(prepared["ndjsonBytes"] == ndjson.size());
  CHECK(prepared["more"] == true);
  CHECK(prepared["events"].get<int64_t>() == std::count(ndjson.begin(), ndjson.end(), '\n'));
  CHECK(prepared["crc32"] == Crc32(ndjson));
  Json one = a.Call("archivePrepare", {{"groupId", a.group}, {"maxEvents", 1}});
  CHECK(one["events"] == 1);
  CHECK(one["more"] == true);
  Json chunks = ArchiveAll(*a.engine, {{"groupId", a.group}, {"maxBytes", 1024}});
  CHECK(chunks.size() > 1);
  CHECK(a.Hot() + a.Archived() == a.written);
}

TEST_CASE("a chunk is verified against its SHA-256 on every read", "[archive]") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  Archival a(std::move(Engine::Open(nullptr, "").value()));
  a.Log(20, 400);
  Json chunk = ArchiveAll(*a.engine, {{"groupId", a.group}})[0];
  Json read = a.Call("syncReadArchive", {{"id", chunk["chunkId"]}});
  CHECK(Sha256Hex(*a.engine->TakeResultBytes()) == chunk["sha256"]);
  REQUIRE(a.engine->db().Exec("UPDATE archives SET body = CAST(zeroblob(length(body)) AS BLOB)").ok());
  Status damaged = CallStatus(*a.engine, "syncReadArchive", {{"id", chunk["chunkId"]}});
  CHECK(damaged.code() == ErrorCode::CorruptArchive);
  CHECK(damaged.details()["expected"] == chunk["sha256"]);
  CHECK(CallStatus(*a.engine, "readArchive", {{"chunkId", chunk["chunkId"]}}).code() == ErrorCode::CorruptArchive);
}

TEST_CASE("bad input is refused with a typed error and nothing changes", "[archive]") {
  Archival a(std::move(Engine::Open(nullptr, "").value()), "pro");  // retention 365 days
  a.Log(50, 500);
  int64_t hot = a.Hot();
  auto refused = [&](const char* op, const Json& args, ErrorCode code, const char* rule) {
    Status status = CallStatus(*a.engine, op, args);
    INFO(op << " " << args.dump() << " -> " << status.ToString());
    CHECK(status.code() == code);
    if (rule) CHECK(status.details().value("rule", "") == rule);
    CHECK(a.Hot() == hot);
    CHECK(a.Archived() == 0);
  };
  refused("archivePrepare", {{"groupId", "nope"}}, ErrorCode::NotFound, nullptr);
  refused("archiveGroupBegin", {{"groupId", "nope"}}, ErrorCode::NotFound, nullptr);
  refused("archivePrepare", {{"groupId", a.group}, {"daysCutoff", 0}}, ErrorCode::InvalidArgument, "range");
  refused("archiveGroupBegin", {{"groupId", a.group}, {"daysCutoff", 366}}, ErrorCode::InvalidArgument, "plan_retention");
  refused("setArchivalPolicy", {{"groupId", a.group}, {"daysCutoff", 400}}, ErrorCode::InvalidArgument, "plan_retention");
  refused("exportArchive", {{"chunkId", 99}}, ErrorCode::NotFound, "exists");
  refused("syncMarkArchiveUploaded", {{"id", 99}, {"sha256", "x"}}, ErrorCode::NotFound, "exists");
  refused("configureArchival", {{"dailyAtUtc", "25:00"}}, ErrorCode::InvalidArgument, "time_of_day");
  // a commit whose gzip does not hold the prepared NDJSON, or is not gzip at all
  Json prepared = a.Call("archivePrepare", {{"groupId", a.group}});
  std::string ndjson = *a.engine->TakeResultBytes();
  std::string wrong = GzipStored(ndjson + " ");
  CHECK(a.engine->CallText("archiveCommit", CommitPayload(prepared, wrong)).status().details()["rule"] == "gzip_trailer");
  CHECK(a.engine->CallText("archiveCommit", CommitPayload(prepared, ndjson)).status().details()["rule"] == "gzip_header");
  CHECK(a.engine->CallText("archiveCommit", "not a descriptor").status().details()["rule"] == "commit_format");
  CHECK(a.Hot() == hot);
  CHECK(a.Archived() == 0);
  // the plan's retention is the default cutoff: a Pro group archives at 365 days
  CHECK(a.Call("archiveGroupBegin", {{"groupId", a.group}})["daysCutoff"] == 365);
}

TEST_CASE("calls between prepare and commit: new events stay hot, a range archived meanwhile is refused", "[archive]") {
  Archival a(std::move(Engine::Open(nullptr, "").value()));
  a.Log(30, 2000);
  Json prepared = a.Call("archivePrepare", {{"groupId", a.group}, {"maxEvents", 10}});
  std::string payload = CommitPayload(prepared, GzipStored(*a.engine->TakeResultBytes()));
  Json twin = a.Call("archivePrepare", {{"groupId", a.group}, {"maxEvents", 10}});  // another run, same events
  std::string twin_payload = CommitPayload(twin, GzipStored(*a.engine->TakeResultBytes()) + "");
  int64_t inside = prepared["range"]["firstTs"].get<int64_t>() + 1;
  Json logged = a.Call("logEvents", {{"groupId", a.group}, {"events", {{{"type", "view"}, {"ts", inside}}}}});
  Result<Json> chunk = a.engine->CallText("archiveCommit", payload);
  REQUIRE(chunk.ok());
  CHECK(chunk.value()["events"] == prepared["events"]);
  CHECK(a.Count("SELECT count(*) FROM events WHERE id = " + std::to_string(logged["logged"][0].get<int64_t>())) == 1);
  int64_t hot = a.Hot();
  Status conflict = a.engine->CallText("archiveCommit", twin_payload).status();
  CHECK(conflict.code() == ErrorCode::ArchiveConflict);
  CHECK(conflict.details()["rule"] == "events_changed");
  CHECK(a.Hot() == hot);
  CHECK(a.Hot() + a.Archived() == a.written + 1);
  // one event of the range gone and a newer one in its place: the id sum tells them apart
  Json next = a.Call("archivePrepare", {{"groupId", a.group}, {"maxEvents", 2}});
  std::string next_payload = CommitPayload(next, GzipStored(*a.engine->TakeResultBytes()));
  REQUIRE(a.engine->db().Exec("UPDATE events SET id = id + 1000000 WHERE id = " +
                              std::to_string(next["range"]["firstId"].get<int64_t>() ) + "").ok());
  Json forged = Json::parse(next_payload.substr(0, next_payload.find('\n')));
  forged["range"]["belowId"] = 2000000;
  std::string forged_payload = forged.dump() + next_payload.substr(next_payload.find('\n'));
  CHECK(a.engine->CallText("archiveCommit", forged_payload).status().details()["rule"] == "events_changed");
}

TEST_CASE("regression: ids were reused after archival (every event archived, the next logged get new ids)", "[archive]") {
  Archival a(std::move(Engine::Open(nullptr, "").value()));
  a.Log(5, 2000);  // all old: the last one has the store's highest id
  Json chunks = ArchiveAll(*a.engine, {{"groupId", a.group}});
  CHECK(a.Hot() == 0);  // every event older than the cutoff leaves, the newest included
  std::set<int64_t> archived;
  for (const Json& chunk : chunks) {
    for (const Json& line : a.Events(chunk["chunkId"])) archived.insert(line["id"].get<int64_t>());
  }
  REQUIRE(archived.size() == 5);
  for (int round = 0; round < 2; ++round) {
    Json logged = a.Call("logEvents", {{"groupId", a.group}, {"events", {{{"type", "view"}}, {{"type", "like"}}}}});
    for (const Json& id : logged["logged"]) {
      CHECK(archived.count(id.get<int64_t>()) == 0);
      CHECK(id.get<int64_t>() > *archived.rbegin());
    }
  }
  // the batch paths log their events (thing_created, thing_updated) past the archived ids too
  Json thing = a.Call("insertThing", {{"groupId", a.group}, {"type", "course"}, {"name", "c"}});
  a.Call("batchUpdateThings", {{"groupId", a.group}, {"updates", {{{"id", thing["id"]}, {"name", "d"}}}}});
  CHECK(a.Count("SELECT count(*) FROM events WHERE id <= " + std::to_string(*archived.rbegin())) == 0);
  CHECK(a.Count("SELECT count(*) FROM events") == 6);
}

TEST_CASE("sync's side: pending chunks oldest first, mark uploaded, body retention", "[archive]") {
  Archival a(std::move(Engine::Open(nullptr, "").value()));
  a.Log(40, 2000);
  Json chunks = ArchiveAll(*a.engine, {{"groupId", a.group}, {"maxEvents", 10}});
  REQUIRE(chunks.size() >= 3);
  Json pending = a.Call("syncListPendingArchives", Json::object())["chunks"];
  REQUIRE(pending.size() == chunks.size());
  CHECK(pending[0]["chunkId"] == chunks[0]["chunkId"]);
  CHECK(pending[0]["sha256"] == chunks[0]["sha256"]);
  CHECK(pending[0]["bytes"] == chunks[0]["bytes"]);
  Json page = a.Call("syncListPendingArchives", {{"afterId", chunks[0]["chunkId"]}, {"limit", 1}})["chunks"];
  REQUIRE(page.size() == 1);  // a keyset page: the one after afterId
  CHECK(page[0]["chunkId"] == chunks[1]["chunkId"]);
  Json past_end = a.Call("syncListPendingArchives", {{"afterId", chunks.back()["chunkId"]}})["chunks"];
  CHECK(past_end.empty());
  int64_t id = chunks[0]["chunkId"];
  Status mismatch = CallStatus(*a.engine, "syncMarkArchiveUploaded", {{"id", id}, {"sha256", std::string(64, '0')}});
  CHECK(mismatch.code() == ErrorCode::ArchiveConflict);
  CHECK(mismatch.details()["rule"] == "sha256_mismatch");
  CHECK(a.Call("syncMarkArchiveUploaded", {{"id", id}, {"sha256", chunks[0]["sha256"]}})["state"] == "uploaded");
  Json twice = a.Call("syncMarkArchiveUploaded", {{"id", id}, {"sha256", chunks[0]["sha256"]}});
  CHECK(twice["uploadedAt"] == kNow);  // idempotent: the first confirmation stands
  CHECK(a.Call("syncListPendingArchives", Json::object())["chunks"].size() == chunks.size() - 1);
  CHECK(a.Call("pruneArchiveBodies", Json::object())["dropped"] == 0);  // uploaded today, kept 30 days
  a.now += 31 * kDay;
  CHECK(a.Call("pruneArchiveBodies", Json::object())["dropped"] == 1);
  Status dropped = CallStatus(*a.engine, "syncReadArchive", {{"id", id}});
  CHECK(dropped.code() == ErrorCode::NotFound);
  CHECK(dropped.details()["rule"] == "body_dropped");
  Json status = a.Call("getArchivalStatus", {{"groupId", a.group}})["groups"][0];
  CHECK(status["chunks"]["total"] == chunks.size());
  CHECK(status["chunks"]["bodiesDropped"] == 1);
  CHECK(status["chunks"]["pending"] == chunks.size() - 1);
  CHECK(status["eventsArchived"] == a.Archived());
}

TEST_CASE("the daily schedule: due after its time passes, caught up once, next run tomorrow", "[archive]") {
  Archival a(std::move(Engine::Open(nullptr, "").value()));
  a.now = kNow + 10 * 3600000;  // 10:00 UTC
  CHECK(a.Call("archivalSchedule", Json::object())["nextRunAt"].is_null());
  Json schedule = a.Call("configureArchival", {{"dailyAtUtc", "02:00"}});
  CHECK(schedule["dailyAtUtc"] == "02:00:00");
  CHECK(schedule["nextRunAt"] == kNow + kDay + 2 * 3600000);
  CHECK(schedule["due"] == false);  // today's 02:00 passed before the schedule existed
  a.now = kNow + kDay + 2 * 3600000 - 1;
  CHECK(a.Call("archivalSchedule", Json::object())["due"] == false);
  a.now += 3 * kDay;  // the store was closed across three scheduled times: one catch-up
  CHECK(a.Call("archivalSchedule", Json::object())["due"] == true);
  Json plan = a.Call("archiveDailyPlan", Json::object());
  CHECK(plan["groups"][0]["daysCutoff"] == 365);
  a.Call("archiveDailyDone", Json::object());
  schedule = a.Call("archivalSchedule", Json::object());
  CHECK(schedule["due"] == false);
  CHECK(schedule["lastDailyRunAt"] == a.now);
  CHECK(schedule["nextRunAt"] == kNow + 4 * kDay + 2 * 3600000);
  CHECK(a.Call("configureArchival", {{"dailyAtUtc", nullptr}})["nextRunAt"].is_null());
}

TEST_CASE("status and run records: cutoff in force, last run, outcome", "[archive]") {
  Archival a(std::move(Engine::Open(nullptr, "").value()), "starter");  // retention 30 days
  a.Log(10, 60);
  Json status = a.Call("getArchivalStatus", {{"groupId", a.group}})["groups"][0];
  CHECK(status["daysCutoff"] == 30);
  CHECK(status["retentionDays"] == 30);
  CHECK(status["eventsDue"] == 5);
  CHECK(status["lastRun"].is_null());
  CHECK(a.Call("setArchivalPolicy", {{"groupId", a.group}, {"daysCutoff", 10}})["daysCutoff"] == 10);
  ArchiveAll(*a.engine, {{"groupId", a.group}});
  a.Call("archiveFinishRun", {{"groupId", a.group}, {"outcome", "ok"}, {"archived", a.Archived()}});
  status = a.Call("getArchivalStatus", Json::object())["groups"][0];
  CHECK(status["lastRun"]["outcome"] == "ok");
  CHECK(status["lastRun"]["at"] == kNow);
  CHECK(status["eventsArchived"] == a.Archived());
  CHECK(status["eventsDue"] == 0);
  CHECK(CallStatus(*a.engine, "getArchivalStatus", {{"groupId", "nope"}}).code() == ErrorCode::NotFound);
}

TEST_CASE("space: a new store gives the deleted events' pages back", "[archive]") {
  TempDir dir;
  ET_REQUIRE_OPEN(engine, dir.File("space.sqlite3"));
  Archival a(std::move(engine));
  for (int i = 0; i < 5; ++i) a.Log(2000, 800);
  Json before = a.Call("archivePages", Json::object());
  CHECK(before["reclaim"] == "incremental_vacuum");
  Json chunks = ArchiveAll(*a.engine, {{"groupId", a.group}, {"maxEvents", 5000}});
  // the test's gzip stores the NDJSON uncompressed: the bodies fill what the events left, so
  // they go too (uploaded, then dropped by retention) before counting the free pages
  for (const Json& c : chunks) a.Call("syncMarkArchiveUploaded", {{"id", c["chunkId"]}, {"sha256", c["sha256"]}});
  a.now += 1;
  CHECK(a.Call("pruneArchiveBodies", {{"olderThanDays", 0}})["dropped"] == chunks.size());
  Json deleted = a.Call("archivePages", Json::object());
  CHECK(deleted["freePages"].get<int64_t>() > 0);
  Json reclaimed = a.Call("archiveReclaim", {{"maxPages", 1 << 20}});
  CHECK(reclaimed["freePages"] == 0);
  CHECK(reclaimed["pages"].get<int64_t>() < deleted["pages"].get<int64_t>());
  a.engine.reset();
  ET_REQUIRE_OPEN(again, dir.File("space.sqlite3"));
  CHECK(again->Call("checkIntegrity", Json::object()).value()["ok"] == true);
}

TEST_CASE("an archive commit's spill threshold is raised while it lives and SQLite's default comes back", "[archive]") {
  MemoryStorage storage;
  Vfs vfs(storage);
  auto opened = Database::Open("spill.db", vfs.name());
  REQUIRE(opened.ok());
  Database& db = *opened.value();
  // PRAGMA cache_spill answers the pages the cache may hold before spilling: max(cache, threshold)
  auto threshold = [&db] {
    auto stmt = db.Prepare("PRAGMA cache_spill");
    REQUIRE(stmt.ok());
    auto pages = stmt.value().ReadInt();
    REQUIRE(pages.ok());
    return pages.value();
  };
  int64_t before = threshold();
  {
    SpillThreshold raised(db, 64 << 10);
    CHECK(threshold() > before);
    CHECK(threshold() * 4096 <= int64_t{64} << 20);  // pages of 4 KiB plus SQLite's header each: under 64 MiB
    CHECK(threshold() * 4096 > int64_t{48} << 20);
  }
  CHECK(threshold() == before);
}
