// Metrics: logEvents (modes, bad input with nothing written, usage), creator stats and group
// metrics on hand-made cases (empty group, creator without content, follow-unfollow-follow,
// month/year/leap boundaries, billing anchors), relationships and activity pages that stay
// stable while rows are inserted.
#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "store/statement.h"
#include "test_support.h"
#include "usage/periods.h"

using namespace edgetally;
using Json = nlohmann::json;

namespace {

constexpr int64_t kDay = 86400000;

struct MetricsFixture : test::EngineFixture {
  int64_t now = ClampedDateMs(2024, 3, 15) + 12 * 3600000LL;
  MetricsFixture() : EngineFixture("pro") { engine->SetClockForTesting([this] { return now; }); }
  int64_t Thing(const std::string& type, const std::string& name = "t") {
    return Call("insertThing", {{"groupId", group}, {"type", type}, {"name", name}})["id"];
  }
  void Link(int64_t from, int64_t to, const std::string& type = "created") {
    Call("batchCreateConnections", {{"groupId", group}, {"connections", {{{"fromId", from}, {"toId", to}, {"type", type}}}}});
  }
  Json Log(Json events, const std::string& g = "") {
    return Call("logEvents", {{"groupId", g.empty() ? group : g}, {"events", events}});
  }
  Json Creator(int64_t id) { return Call("getCreatorStats", {{"creatorId", id}})["_computed"]; }
  Json Group() { return Call("getGroupMetrics", {{"groupId", group}})["_computed"]; }
  int64_t Scalar(const std::string& sql) {
    auto stmt = engine->db().Prepare(sql);
    REQUIRE(stmt.ok());
    REQUIRE(stmt->Step().value());
    return stmt->ColumnInt(0);
  }
};

}  // namespace

TEST_CASE("an empty group has zero metrics and no top content", "[metrics]") {
  MetricsFixture f;
  Json m = f.Call("getGroupMetrics", {{"groupId", f.group}});
  CHECK(m["id"] == f.group);
  CHECK(m["_computed"] == Json{{"totalEntities", 0}, {"entitiesByType", Json::object()}, {"totalConnections", 0},
                               {"activeUsers", 0}, {"activeUsers7d", 0}, {"eventsToday", 0}, {"events7d", 0},
                               {"events30d", 0}, {"eventsPrev30d", 0}, {"storageUsedMB", 0.0},
                               {"revenueThisMonth", 0.0}, {"topContentByEngagement", Json::array()},
                               {"trendingUp", true}, {"trendPct", 0.0}, {"eventsPerActiveUser30d", 0.0}});
  CHECK(f.engine->Call("getGroupMetrics", {{"groupId", "nope"}}).status().code() == ErrorCode::NotFound);
}

TEST_CASE("a creator without content or events", "[metrics]") {
  MetricsFixture f;
  int64_t creator = f.Thing("user", "Ada");
  Json stats = f.Call("getCreatorStats", {{"creatorId", creator}});
  CHECK(stats["name"] == "Ada");
  CHECK(stats["_computed"] == Json{{"totalFollowers", 0}, {"totalContent", 0}, {"totalRevenue", 0.0},
                                   {"revenueThisMonth", 0.0}, {"totalViews", 0}, {"totalLikes", 0},
                                   {"totalComments", 0}, {"engagementRate", 0.0}, {"lastActive", nullptr},
                                   {"avgRevenuePerContent", 0.0}, {"activeDays30", 0}});
  CHECK(f.engine->Call("getCreatorStats", {{"creatorId", 999}}).status().code() == ErrorCode::NotFound);
}

TEST_CASE("creator stats sum the content's events, whenever the content was linked", "[metrics]") {
  MetricsFixture f;
  int64_t creator = f.Thing("user"), fan = f.Thing("user"), a = f.Thing("course"), b = f.Thing("post");
  f.Link(creator, a);
  f.Log({{{"type", "view"}, {"targetId", a}}, {{"type", "view"}, {"targetId", b}}, {{"type", "like"}, {"targetId", a}},
         {{"type", "comment"}, {"targetId", b}, {"actorId", fan}}, {{"type", "payment"}, {"targetId", b}, {"amount", 1999}},
         {{"type", "payment"}, {"targetId", a}, {"amount", 1}, {"ts", f.now - 40 * kDay}},
         {{"type", "share"}, {"actorId", creator}, {"targetId", a}, {"ts", f.now - 2 * kDay}}});
  f.Link(creator, b);  // b's history comes along
  Json s = f.Creator(creator);
  CHECK(s["totalContent"] == 2);
  CHECK(s["totalViews"] == 2);
  CHECK(s["totalLikes"] == 1);
  CHECK(s["totalComments"] == 1);
  CHECK(s["totalRevenue"] == 20.0);
  CHECK(s["revenueThisMonth"] == 19.99);
  CHECK(s["engagementRate"] == 1.0);
  CHECK(s["avgRevenuePerContent"] == 10.0);
  CHECK(s["lastActive"] == f.now - 2 * kDay);
  CHECK(s["activeDays30"] == 1);
  CHECK(f.Creator(fan)["lastActive"] == f.now);
}

TEST_CASE("followers: the latest follow or unfollow of each actor decides", "[metrics]") {
  MetricsFixture f;
  int64_t creator = f.Thing("user"), x = f.Thing("user"), y = f.Thing("user");
  f.Log({{{"type", "follow"}, {"actorId", x}, {"targetId", creator}, {"ts", f.now - 3000}}});
  CHECK(f.Creator(creator)["totalFollowers"] == 1);
  f.Log({{{"type", "unfollow"}, {"actorId", x}, {"targetId", creator}, {"ts", f.now - 2000}}});
  CHECK(f.Creator(creator)["totalFollowers"] == 0);
  f.Log({{{"type", "follow"}, {"actorId", x}, {"targetId", creator}, {"ts", f.now - 1000}}});
  CHECK(f.Creator(creator)["totalFollowers"] == 1);
  // An older unfollow arriving late changes nothing; a tie on ts goes to the later row.
  f.Log({{{"type", "unfollow"}, {"actorId", x}, {"targetId", creator}, {"ts", f.now - 5000}},
         {{"type", "follow"}, {"actorId", y}, {"targetId", creator}, {"ts", f.now}},
         {{"type", "follow"}, {"actorId", y}, {"targetId", creator}, {"ts", f.now}}});
  CHECK(f.Creator(creator)["totalFollowers"] == 2);
  f.Log({{{"type", "unfollow"}, {"actorId", y}, {"targetId", creator}, {"ts", f.now}}});
  CHECK(f.Creator(creator)["totalFollowers"] == 1);
}

TEST_CASE("logEvents: logged[i] is event i's id; a call's ids follow (ts, input order), a tie keeps input order", "[metrics]") {
  MetricsFixture f;
  int64_t x = f.Thing("user"), creator = f.Thing("user");
  Json first = f.Log({{{"type", "view"}, {"ts", f.now - 5000}}});
  Json logged = f.Log({{{"type", "unfollow"}, {"actorId", x}, {"targetId", creator}, {"ts", f.now - 1000}},
                       {{"type", "view"}, {"ts", f.now - 3000}},
                       {{"type", "follow"}, {"actorId", x}, {"targetId", creator}, {"ts", f.now - 1000}},
                       {{"type", "like"}, {"ts", f.now - 2000}}})["logged"];
  REQUIRE(logged.size() == 4);
  auto ts_of = [&](int64_t id) { return f.Scalar("SELECT ts FROM events WHERE id = " + std::to_string(id)); };
  auto type_of = [&](int64_t id) { return f.Scalar("SELECT type = 'unfollow' FROM events WHERE id = " + std::to_string(id)); };
  CHECK(ts_of(logged[0]) == f.now - 1000);
  CHECK(type_of(logged[0]) == 1);
  CHECK(ts_of(logged[1]) == f.now - 3000);
  CHECK(ts_of(logged[3]) == f.now - 2000);
  CHECK(logged[1] < logged[3]);  // older first
  CHECK(logged[3] < logged[0]);
  CHECK(logged[0] < logged[2]);  // same ts: the later row gets the higher id, and wins the follow state
  CHECK(logged[1] > first["logged"][0]);  // ids grow from call to call
  CHECK(f.Creator(creator)["totalFollowers"] == 1);
}

TEST_CASE("logEvents: a call of many events gets the next ids in (ts, input order), ties in input order", "[metrics]") {
  MetricsFixture f;
  int64_t before = f.Log({{{"type", "view"}, {"ts", f.now - 5000}}})["logged"][0];
  std::vector<Json> rows;
  for (int i = 0; i < 101; ++i) rows.push_back({{"type", i % 3 ? "view" : "like"}, {"ts", f.now - 1000 * ((i * 37) % 11)}});
  Json logged = f.Log(rows)["logged"];
  REQUIRE(logged.size() == rows.size());
  std::vector<std::pair<int64_t, int>> order;  // (ts, input position), as the ids must follow
  for (int i = 0; i < 101; ++i) order.emplace_back(rows[i]["ts"].get<int64_t>(), i);
  std::sort(order.begin(), order.end());
  for (size_t k = 0; k < order.size(); ++k) {
    int64_t id = logged[order[k].second];
    INFO("row " << order[k].second);
    CHECK(id == before + 1 + static_cast<int64_t>(k));
    CHECK(f.Scalar("SELECT ts FROM events WHERE id = " + std::to_string(id)) == order[k].first);
  }
}

TEST_CASE("revenue this month restarts at month, year and leap-day boundaries", "[metrics]") {
  MetricsFixture f;
  int64_t creator = f.Thing("user"), course = f.Thing("course");
  f.Link(creator, course);
  auto pay = [&](int64_t ts, int64_t amount) {
    f.Log({{{"type", "payment"}, {"targetId", course}, {"amount", amount}, {"ts", ts}}});
  };
  for (auto [y, m, d] : {std::tuple{2024, 1, 31}, std::tuple{2024, 2, 29}, std::tuple{2024, 12, 31}}) {
    int64_t last_ms = ClampedDateMs(y, m, d) + kDay - 1;
    f.now = last_ms;
    pay(last_ms, 500);
    INFO(y << "-" << m << "-" << d);
    CHECK(f.Group()["revenueThisMonth"] == 5.0);
    CHECK(f.Creator(creator)["revenueThisMonth"] == 5.0);
    f.now = last_ms + 1;  // the first ms of the next month
    CHECK(f.Group()["revenueThisMonth"] == 0.0);
    CHECK(f.Creator(creator)["revenueThisMonth"] == 0.0);
    CHECK(f.Group()["eventsToday"] == 0);
  }
  CHECK(f.Creator(creator)["totalRevenue"] == 15.0);
}

TEST_CASE("a billing anchor moves monthStart", "[metrics]") {
  MetricsFixture f;
  std::string g = f.Call("createGroup", {{"name", "A"}, {"plan", "pro"}, {"billingAnchor", {{"day", 20}}}})["id"];
  f.now = ClampedDateMs(2024, 3, 25);
  f.Log({{{"type", "payment"}, {"amount", 100}, {"ts", ClampedDateMs(2024, 3, 19)}},
         {{"type", "payment"}, {"amount", 250}, {"ts", ClampedDateMs(2024, 3, 20)}}}, g);
  CHECK(f.Call("getGroupMetrics", {{"groupId", g}})["_computed"]["revenueThisMonth"] == 2.5);
}

TEST_CASE("windows are exact to the millisecond at their boundaries", "[metrics]") {
  MetricsFixture f;
  int64_t u = f.Thing("user"), v = f.Thing("video", "clip");
  int64_t t30 = f.now - 30 * kDay;
  f.Log({{{"type", "view"}, {"actorId", u}, {"targetId", v}, {"ts", t30 - 1}},
         {{"type", "like"}, {"targetId", v}, {"ts", t30}},
         {{"type", "view"}, {"targetId", v}, {"ts", f.now - 60 * kDay}}});
  Json m = f.Group();
  CHECK(m["events30d"] == 1);
  CHECK(m["eventsPrev30d"] == 2);
  CHECK(m["activeUsers"] == 0);
  CHECK(m["topContentByEngagement"] == Json::array({{{"id", v}, {"name", "clip"}, {"score", 3}}}));
  CHECK(m["trendingUp"] == false);
  CHECK(m["trendPct"] == -50.0);
  f.now += 1;  // the like leaves the window
  m = f.Group();
  CHECK(m["events30d"] == 0);
  CHECK(m["topContentByEngagement"] == Json::array());
}

TEST_CASE("logEvents refuses bad input with the index and field, writing nothing", "[metrics][input]") {
  MetricsFixture f;
  int64_t t = f.Thing("post");
  std::string other = f.Call("createGroup", {{"name", "O"}, {"plan", "pro"}})["id"];
  int64_t foreign = f.Call("insertThing", {{"groupId", other}, {"type", "post"}, {"name", "x"}})["id"];
  struct Case { Json event; std::string field, rule; };
  std::vector<Case> cases = {
      {{{"type", "view"}, {"actorId", foreign}}, "actorId", "other_group"},
      {{{"type", "view"}, {"targetId", foreign}}, "targetId", "other_group"},
      {{{"type", "view"}, {"targetId", 99999}}, "targetId", "unknown_thing"},
      {{{"type", "view"}, {"metadata", "x"}}, "metadata", "object"},
      {{{"type", "view"}, {"metadata", Json::array()}}, "metadata", "object"},
      {{{"type", "payment"}}, "amount", "required"},
      {{{"type", "refund"}, {"amount", -1}}, "amount", "min"},
      {{{"type", "payment"}, {"amount", 1.5}}, "amount", "integer"},
      {{{"type", "payment"}, {"amount", 9007199254740992LL}}, "amount", "safe_integer"},
      {{{"type", "payment"}, {"amount", "12"}}, "amount", "integer"},
      {{{"type", "view"}, {"ts", 946684799999LL}}, "ts", "min"},
      {{{"type", "view"}, {"ts", f.now + kDay + 1}}, "ts", "max"},
      {{{"type", "view"}, {"currency", "usd"}}, "currency", "currency"},
      {{{"type", ""}}, "type", "required"},
      {{{"type", "thing_created"}}, "type", "reserved"},
      {{{"type", "view"}, {"colour", 1}}, "colour", "unknown_field"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    Json events = {{{"type", "view"}, {"targetId", t}}, cases[i].event};
    Json result = f.Log(events);
    INFO(i << " " << cases[i].event.dump());
    CHECK(result["logged"] == Json::array());
    CHECK(result["failed"] == 1);
    CHECK(result["errors"][0]["index"] == 1);
    CHECK(result["errors"][0]["field"] == cases[i].field);
    CHECK(result["errors"][0]["code"] == cases[i].rule);
  }
  CHECK(f.Scalar("SELECT count(*) FROM events WHERE type = 'view'") == 0);
  CHECK(f.Group()["events30d"] == 0);
  CHECK(f.engine->Call("logEvents", {{"groupId", "nope"}, {"events", Json::array()}}).status().code() == ErrorCode::NotFound);
  CHECK(f.engine->Call("logEvents", {{"groupId", f.group}, {"events", 3}}).status().details()["field"] == "events");
  Json partial = f.Call("logEvents", {{"groupId", f.group}, {"mode", "partial"},
                                      {"events", {{{"type", "view"}, {"targetId", t}}, {{"type", "payment"}}}}});
  CHECK(partial["logged"].size() == 1);
  CHECK(partial["errors"][0]["index"] == 1);
  CHECK(f.Group()["events30d"] == 1);
}

TEST_CASE("logEvents counts its bytes against the storage quota", "[metrics][input]") {
  MetricsFixture f;
  std::string tiny = f.Call("createGroup", {{"name", "T"}, {"plan", "pro"}, {"overrides", {{"storage_gb", 0}}}})["id"];
  auto result = f.engine->Call("logEvents", {{"groupId", tiny}, {"events", {{{"type", "view"}}}}});
  CHECK(result.status().code() == ErrorCode::QuotaExceeded);
  CHECK(f.Scalar("SELECT count(*) FROM events WHERE type = 'view'") == 0);
  CHECK(f.Call("getGroupMetrics", {{"groupId", tiny}})["_computed"]["eventsToday"] == 0);
}

TEST_CASE("activity pages stay stable while events are inserted", "[metrics][cursor]") {
  MetricsFixture f;
  Json things = Json::array();
  for (int i = 0; i < 3; ++i) things.push_back({{"type", "course"}, {"name", "c" + std::to_string(i)}});
  int64_t c = f.Call("batchInsertThings", {{"groupId", f.group}, {"things", things}})["created"][1];
  f.now += 1000;
  Json events = Json::array();
  for (int i = 0; i < 25; ++i) events.push_back({{"type", i % 2 ? "view" : "like"}, {"targetId", c}, {"ts", f.now - (i / 3) * 10}});
  std::vector<int64_t> before = f.Log(events)["logged"];
  std::multiset<int64_t> seen;
  std::string cursor;
  int created = 0, pages = 0;
  for (;;) {
    Json args = {{"thingId", c}, {"limit", 4}};
    if (!cursor.empty()) args["cursor"] = cursor;
    Json page = f.Call("getThingActivity", args);
    int64_t last_ts = INT64_MAX;
    for (const Json& item : page["items"]) {
      CHECK(item["ts"].get<int64_t>() <= last_ts);
      last_ts = item["ts"];
      if (item["type"] == "created") ++created;
      else seen.insert(item["id"].get<int64_t>());
    }
    // Between pages: a newer event, an event older than the cursor, one at the same ms.
    f.Log({{{"type", "view"}, {"targetId", c}, {"ts", f.now + 5}}, {{"type", "view"}, {"targetId", c}, {"ts", f.now - 200}}});
    ++pages;
    if (page["nextCursor"].is_null()) break;
    cursor = page["nextCursor"];
  }
  for (int64_t id : before) CHECK(seen.count(id) == 1);
  for (int64_t id : seen) CHECK(seen.count(id) == 1);
  CHECK(created == 1);
  CHECK(pages > 5);
  Json typed = f.Call("getThingActivity", {{"thingId", c}, {"types", {"created"}}});
  CHECK(typed["items"].size() == 1);
  CHECK(typed["items"][0]["ts"] == f.now - 1000);
  CHECK(f.engine->Call("getThingActivity", {{"thingId", c}, {"cursor", "r123"}}).status().details()["field"] == "cursor");
}

TEST_CASE("relationships: both ways by type, pages stable while connections are added", "[metrics][cursor]") {
  MetricsFixture f;
  int64_t hub = f.Thing("user", "hub");
  std::vector<int64_t> lessons;
  for (int i = 0; i < 7; ++i) lessons.push_back(f.Thing("lesson", "l" + std::to_string(i)));
  for (int64_t l : lessons) f.Link(hub, l, "teaches");
  f.Link(lessons[0], hub, "mentions");
  Json r = f.Call("getThingWithRelationships", {{"thingId", hub}, {"limitPerType", 3}});
  CHECK(r["name"] == "hub");
  CHECK(r["relationships"]["outgoing"]["teaches"]["total"] == 7);
  CHECK(r["relationships"]["outgoing"]["teaches"]["items"].size() == 3);
  CHECK(r["relationships"]["incoming"]["mentions"]["items"][0]["thing"]["id"] == lessons[0]);
  std::string cursor = r["relationships"]["outgoing"]["teaches"]["nextCursor"];
  std::vector<int64_t> got;
  for (const Json& item : r["relationships"]["outgoing"]["teaches"]["items"]) got.push_back(item["thing"]["id"]);
  int64_t extra = f.Thing("lesson", "late");
  f.Link(hub, extra, "teaches");
  for (;;) {
    Json page = f.Call("getThingRelationshipsPaginated",
                       {{"thingId", hub}, {"direction", "outgoing"}, {"type", "teaches"}, {"cursor", cursor}, {"limit", 3}});
    for (const Json& item : page["items"]) got.push_back(item["thing"]["id"]);
    if (page["nextCursor"].is_null()) break;
    cursor = page["nextCursor"];
  }
  lessons.push_back(extra);
  CHECK(got == lessons);
  CHECK(f.engine->Call("getThingRelationshipsPaginated", {{"thingId", hub}, {"direction", "up"}}).status().details()["field"] == "direction");
  CHECK(f.engine->Call("getThingRelationshipsPaginated", {{"thingId", lessons[1]}, {"direction", "outgoing"}, {"cursor", cursor}})
            .status().details()["field"] == "cursor");
}
