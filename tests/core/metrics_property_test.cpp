// Metrics property test: random sequences of event writes, thing and connection changes,
// clock moves across day, month, year and leap-day boundaries, archival runs (real chunks:
// prepare, gzip, commit; hot + archived = written) and deletions of raw event rows; after every step each metric of every group and of a sample of
// creators is compared with MetricsOracle's from-scratch recomputation over all events ever
// logged. Seeds are fixed so a failure replays.
#include <array>
#include <random>

#include <catch2/catch.hpp>

#include "archive_support.h"
#include "metrics_oracle.h"
#include "store/statement.h"
#include "test_support.h"
#include "usage/periods.h"

using namespace edgetally;
using Json = nlohmann::json;

namespace {

constexpr int64_t kDay = 86400000;
const char* kThingTypes[] = {"course", "post", "video", "user", "note"};
const char* kEventTypes[] = {"view", "view", "view", "like", "comment", "share", "follow",
                             "unfollow", "payment", "refund", "signup", "purchase_started"};

struct World {
  std::mt19937_64 rng;
  int64_t now;
  std::unique_ptr<Engine> engine = std::move(Engine::Open(nullptr, "").value());
  std::vector<std::string> groups;
  std::map<std::string, Anchor> anchors;
  std::map<std::string, std::vector<int64_t>> ids;  // things per group
  test::MetricsOracle oracle;

  bool archive_only = false;  // no raw deletes: events leave only through archival
  int64_t max_batch = 12;     // events per logEvents call: 1..max_batch
  explicit World(uint64_t seed, int64_t start) : rng(seed), now(start) {
    engine->SetClockForTesting([this] { return now; });
    AddGroup("calendar", {});
    AddGroup("anchored", Anchor{31, 1});
  }
  int64_t Pick(int64_t n) { return std::uniform_int_distribution<int64_t>(0, n - 1)(rng); }
  Json Call(const std::string& op, const Json& args) {
    auto result = engine->Call(op, args);
    INFO(op << " " << args.dump().substr(0, 300) << " -> " << result.status().ToString());
    REQUIRE(result.ok());
    return result.value();
  }
  void AddGroup(const std::string& name, std::optional<Anchor> anchor) {
    Json args = {{"name", name}, {"plan", "enterprise"}};
    if (anchor && anchor->day != 1) args["billingAnchor"] = {{"day", anchor->day}};
    std::string id = Call("createGroup", args)["id"];
    groups.push_back(id);
    anchors[id] = anchor.value_or(Anchor{});
  }
  const std::string& AnyGroup() { return groups[Pick(groups.size())]; }
  int64_t AnyThing(const std::string& g) { return ids[g].empty() ? 0 : ids[g][Pick(ids[g].size())]; }

  void InsertThings(const std::string& g) {
    Json rows = Json::array();
    for (int64_t i = 0, n = 1 + Pick(4); i < n; ++i) {
      rows.push_back({{"type", kThingTypes[Pick(5)]}, {"name", "thing " + std::to_string(Pick(1000))},
                      {"properties", {{"blob", std::string(Pick(3000), 'x')}}}});
    }
    Json result = Call("batchInsertThings", {{"groupId", g}, {"things", rows}});
    for (int64_t id : result["created"]) ids[g].push_back(id);
  }
  void UpdateThing(const std::string& g) {
    if (ids[g].empty()) return;
    Json update = {{"id", AnyThing(g)}, {"type", kThingTypes[Pick(5)]}};
    if (Pick(2)) update["properties"] = {{"blob", std::string(Pick(5000), 'y')}};
    Call("batchUpdateThings", {{"groupId", g}, {"updates", Json::array({update})}});
  }
  void Connect(const std::string& g) {
    int64_t from = AnyThing(g), to = AnyThing(g);
    if (!from || from == to) return;
    Json row = {{"fromId", from}, {"toId", to}, {"type", Pick(3) ? "created" : "related"}};
    Call("batchCreateConnections", {{"groupId", g}, {"connections", Json::array({row})}, {"mode", "partial"}});
  }
  void LogEvents(const std::string& g) {
    Json rows = Json::array();
    std::vector<test::OracleEvent> logged;
    for (int64_t i = 0, n = 1 + Pick(max_batch); i < n; ++i) {
      std::string type = kEventTypes[Pick(12)];
      // Mostly recent, some a day ahead, some older than the detail days, ties on purpose.
      int64_t ts = Pick(5) == 0 ? now - Pick(70 * kDay) : now - Pick(3 * kDay) + (Pick(6) == 0 ? Pick(kDay) : 0);
      if (Pick(3) == 0) {  // near a window boundary (7, 30, 60 days): the same day, either side
        int64_t bound = now - int64_t{std::array{7, 30, 60}[Pick(3)]} * kDay;
        ts = Pick(4) ? bound + Pick(2 * 3600000) - 3600000 : bound + Pick(3) - 1;
      }
      Json row = {{"type", type}, {"ts", ts}};
      int64_t actor = Pick(4) ? AnyThing(g) : 0, target = Pick(5) ? AnyThing(g) : 0, amount = 0;
      if (actor) row["actorId"] = actor;
      if (target) row["targetId"] = target;
      if (type == "payment" || type == "refund" || Pick(10) == 0) row["amount"] = amount = Pick(100000);
      rows.push_back(row);
      logged.push_back({0, actor, target, ts, amount, type, g});
    }
    Json result = Call("logEvents", {{"groupId", g}, {"events", rows}});
    REQUIRE(result["failed"] == 0);
    for (size_t i = 0; i < logged.size(); ++i) {
      logged[i].id = result["logged"][i];
      oracle.events.push_back(logged[i]);
    }
  }
  void MoveClock() {
    switch (Pick(6)) {
      case 0: now += Pick(kDay / 24); break;
      case 1: now += Pick(3 * kDay); break;
      case 2: now += 20 * kDay + Pick(15 * kDay); break;
      default: {  // just before a month end: the next steps cross it
        int64_t y; int m, d;
        CivilFromDays(now / kDay, &y, &m, &d);
        now = std::max(now, ClampedDateMs(y, m, 31) + kDay - 1 - Pick(3600000));
      }
    }
  }
  void ArchiveRawEvents() {  // what archival does to the hot table: aggregates must not care
    REQUIRE(engine->db().Exec("DELETE FROM events WHERE ts < " + std::to_string(now - (1 + Pick(40)) * kDay)).ok());
  }
  int64_t HotEvents() {
    auto hot = engine->db().Prepare("SELECT count(*) FROM events");
    REQUIRE(hot.ok());
    REQUIRE(hot->Step().value());
    return hot->ColumnInt(0);
  }
  void Archive(const std::string& g) {  // real archival: chunks, then every metric unchanged
    int64_t before = HotEvents(), archived = 0;
    Json chunks = test::ArchiveAll(*engine, {{"groupId", g}, {"daysCutoff", 1 + Pick(40)}, {"maxEvents", 1 + Pick(30)}});
    for (const Json& chunk : chunks) archived += chunk["events"].get<int64_t>();
    CHECK(HotEvents() + archived == before);  // every event moved is in exactly one chunk
  }
  void Mirror() {
    oracle.things.clear();
    oracle.connections.clear();
    auto things = engine->db().Prepare("SELECT id, group_id, type, name, length(CAST(properties AS BLOB)) FROM things");
    REQUIRE(things.ok());
    while (things->Step().value()) {
      oracle.things[things->ColumnInt(0)] = {things->ColumnText(1), things->ColumnText(2), things->ColumnText(3),
                                             things->ColumnInt(4)};
    }
    auto conns = engine->db().Prepare("SELECT from_id, to_id, type, group_id FROM connections");
    REQUIRE(conns.ok());
    while (conns->Step().value()) {
      oracle.connections.push_back({conns->ColumnInt(0), conns->ColumnInt(1), conns->ColumnText(2), conns->ColumnText(3)});
    }
  }
  void CheckAll() {
    Mirror();
    for (const std::string& g : groups) {
      int64_t month = BoundsAt(Period::Monthly, now, anchors[g]).start;
      Json got = Call("getGroupMetrics", {{"groupId", g}})["_computed"];
      INFO("group " << g << " now " << now);
      CHECK(got == oracle.GroupMetrics(g, now, month));
      for (int i = 0; i < 3 && !ids[g].empty(); ++i) {
        int64_t creator = AnyThing(g);
        INFO("creator " << creator);
        CHECK(Call("getCreatorStats", {{"creatorId", creator}})["_computed"] == oracle.CreatorStats(creator, now, month));
      }
    }
  }
  void Step() {
    const std::string& g = AnyGroup();
    int64_t what = Pick(20);
    if (what < 3) InsertThings(g);
    else if (what < 4) UpdateThing(g);
    else if (what < 7) Connect(g);
    else if (what < 16) LogEvents(g);
    else if (what < 18) MoveClock();
    else if (what < 19 || archive_only) Archive(g);
    else ArchiveRawEvents();
  }
};

void Run(uint64_t seed, int64_t start, int steps, bool archive_only = false, int64_t max_batch = 12) {
  World world(seed, start);
  world.archive_only = archive_only;
  world.max_batch = max_batch;
  for (const std::string& g : world.groups) world.InsertThings(g);
  for (int i = 0; i < steps; ++i) {
    world.Step();
    world.CheckAll();
  }
}

}  // namespace

TEST_CASE("every metric equals a from-scratch recomputation after every step", "[metrics][property]") {
  SECTION("across a leap day and month ends") { Run(7, ClampedDateMs(2024, 2, 27) + 13 * 3600000LL, 220); }
  SECTION("across a year end") { Run(11, ClampedDateMs(2025, 12, 30) + 22 * 3600000LL, 220); }
  SECTION("another seed") { Run(23, ClampedDateMs(2023, 1, 29) + 5 * 3600000LL, 220); }
  SECTION("with archival runs only") { Run(31, ClampedDateMs(2024, 12, 30) + 20 * 3600000LL, 220, true); }
  // Calls of up to 150 events: several multi-row inserts per call, many keys repeated in one call.
  SECTION("in larger calls") { Run(41, ClampedDateMs(2024, 12, 30) + 20 * 3600000LL, 90, false, 150); }
}
