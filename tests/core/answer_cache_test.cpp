// The answer cache (api/answer_cache.h) is never stale: each cached quota read is asked once
// (so its answer is kept), then a write of each kind that can move it, or a clock move across
// a boundary, and the next answer must show the change. The same reads through CallForText
// (what the bindings call) and through Call agree, and a failed write changes nothing.
#include <catch2/catch.hpp>

#include "test_support.h"
#include "usage/periods.h"

using namespace edgetally;
using Json = nlohmann::json;

namespace {

constexpr int64_t kDay = 86400000;

struct CacheFixture {
  std::unique_ptr<Engine> engine = std::move(Engine::Open(nullptr, "").value());
  int64_t now = DaysFromCivil(2026, 3, 10) * kDay + 3600000;
  std::string group;
  CacheFixture() {
    engine->SetClockForTesting([this] { return now; });
    group = Call("createGroup", {{"name", "G"}, {"plan", "starter"}})["id"];
  }
  Json Call(const std::string& op, const Json& args) {
    auto result = engine->Call(op, args);
    INFO(op << " " << args.dump() << " -> " << result.status().ToString());
    REQUIRE(result.ok());
    return result.value();
  }
  // Through the text path, as the wasm bindings call it; asked twice, the same answer.
  Json Text(const std::string& op, const Json& args) {
    auto first = engine->CallForText(op, args.dump());
    INFO(op << " -> " << first.status().ToString());
    REQUIRE(first.ok());
    auto again = engine->CallForText(op, args.dump());
    REQUIRE(again.ok());
    CHECK(again.value() == first.value());
    return Json::parse(first.value());
  }
  Json Quotas() { return Text("getGroupQuotas", {{"groupId", group}})["quotas"]; }
  int64_t Current(const std::string& metric) { return Quotas()[metric]["current"]; }
  Json CanCreate(int64_t count) { return Text("checkCanCreateEntities", {{"groupId", group}, {"count", count}}); }
  void Record(const std::string& metric, int64_t amount) {
    Call("recordUsage", {{"groupId", group}, {"metric", metric}, {"amount", amount}});
  }
};

}  // namespace

TEST_CASE("a kept quota answer moves with usage writes", "[quota][cache]") {
  CacheFixture f;
  CHECK(f.Current("api_calls_per_month") == 0);
  f.Record("api_calls_per_month", 7);
  CHECK(f.Current("api_calls_per_month") == 7);
  f.Call("enforceQuota", {{"groupId", f.group}, {"metric", "api_calls_per_month"}, {"requestedAmount", 3}});
  CHECK(f.Current("api_calls_per_month") == 10);
  f.Call("resetPeriodCounter", {{"groupId", f.group}, {"metric", "api_calls_per_month"}, {"period", "monthly"}});
  CHECK(f.Current("api_calls_per_month") == 0);
  // A refused write commits nothing, and the answer stays what it was.
  CHECK(f.engine->Call("recordUsage", {{"groupId", f.group}, {"metric", "nope"}, {"amount", 1}}).status().code() ==
        ErrorCode::UnknownMetric);
  CHECK(f.Current("api_calls_per_month") == 0);
}

TEST_CASE("a kept quota answer moves with things and connections", "[quota][cache]") {
  CacheFixture f;
  CHECK(f.CanCreate(10)["remaining"] == f.Quotas()["entities_total"]["limit"]);
  int64_t limit = f.Quotas()["entities_total"]["limit"];
  int64_t a = f.Call("insertThing", {{"groupId", f.group}, {"type", "t"}, {"name", "a"}})["id"];
  CHECK(f.CanCreate(10)["remaining"] == limit - 1);
  CHECK(f.Current("entities_total") == 1);
  Json rows = Json::array({{{"type", "t"}, {"name", "b"}}, {{"type", "t"}, {"name", "c"}}});
  Json created = f.Call("batchInsertThings", {{"groupId", f.group}, {"things", rows}})["created"];
  CHECK(f.CanCreate(10)["remaining"] == limit - 3);
  CHECK(f.Current("connections_total") == 0);
  f.Call("batchCreateConnections",
         {{"groupId", f.group}, {"connections", {{{"fromId", a}, {"toId", created[0]}, {"type", "links"}}}}});
  CHECK(f.Current("connections_total") == 1);
}

TEST_CASE("a kept quota answer moves with a plan change, plans and thresholds", "[quota][cache]") {
  CacheFixture f;
  CHECK(f.Text("getGroupQuotas", {{"groupId", f.group}})["plan"] == "starter");
  int64_t starter_limit = f.Quotas()["entities_total"]["limit"];
  f.Call("setGroupPlan", {{"groupId", f.group}, {"plan", "pro"}});
  CHECK(f.Text("getGroupQuotas", {{"groupId", f.group}})["plan"] == "pro");
  CHECK(f.Quotas()["entities_total"]["limit"] != starter_limit);
  f.Call("setGroupPlan", {{"groupId", f.group}, {"plan", "pro"}, {"overrides", {{"entities_total", 5}}}});
  CHECK(f.Quotas()["entities_total"]["limit"] == 5);
  CHECK(f.CanCreate(6)["canCreate"] == false);
  f.Record("entities_total", 4);  // 4 of 5: 80%, the default threshold
  CHECK(f.Quotas()["entities_total"]["status"] == "warning");
  Json pricing = f.Text("getUpgradePricing", {{"groupId", f.group}});
  Json team = {{"id", "team"}, {"name", "Team"}, {"priceCents", 1},
               {"limits", {{"users", 10}, {"storage_gb", 5LL << 30}, {"api_calls_per_month", 10000},
                           {"entities_total", 1000}, {"connections_total", 5000}, {"events_retention_days", 90}}}};
  f.Call("definePlans", {{"plans", {team}}});
  Json repriced = f.Text("getUpgradePricing", {{"groupId", f.group}});
  CHECK(repriced["options"].size() == pricing["options"].size() + 1);
  bool offers_team = false;
  for (const Json& option : repriced["options"]) offers_team = offers_team || option["plan"] == "team";
  CHECK(offers_team);
  f.Call("setWarningThresholds", {{"thresholds", {{"entities_total", 90}}}});
  CHECK(f.Quotas()["entities_total"]["status"] == "ok");
  CHECK(f.Text("getQuotaStatus", {{"groupId", f.group}})["lines"][0].get<std::string>().find("warning") ==
        std::string::npos);
}

TEST_CASE("a kept quota answer moves with server totals and acknowledgements", "[quota][cache]") {
  CacheFixture f;
  Json first = f.Call("recordUsage", {{"groupId", f.group}, {"metric", "users"}, {"amount", 1}});
  CHECK(f.Current("users") == 1);
  f.Call("setServerTotals", {{"groupId", f.group}, {"totals", {{"users", 3}}}});
  CHECK(f.Current("users") == 4);
  f.Call("acknowledgeUsage", {{"recordIds", {first["recordId"]}}});
  CHECK(f.Current("users") == 3);
  CHECK(f.Text("checkCanStore", {{"groupId", f.group}, {"bytes", 1}})["canStore"] == true);
  f.Call("setServerTotals", {{"groupId", f.group}, {"totals", {{"storage_gb", 1LL << 50}}}});
  CHECK(f.Text("checkCanStore", {{"groupId", f.group}, {"bytes", 1}})["canStore"] == false);
}

TEST_CASE("a kept quota answer follows the clock across a period end and a retention day", "[quota][cache]") {
  CacheFixture f;
  f.Record("api_calls_per_month", 5);
  Json march = f.Quotas()["api_calls_per_month"];
  CHECK(march["current"] == 5);
  f.now = DaysFromCivil(2026, 4, 1) * kDay - 1;  // the last millisecond of March: same period
  CHECK(f.Quotas()["api_calls_per_month"] == march);
  f.now += 1;  // the first of April: a new period
  Json april = f.Quotas()["api_calls_per_month"];
  CHECK(april["current"] == 0);
  CHECK(april["periodStart"] == DaysFromCivil(2026, 4, 1) * kDay);
  f.now = DaysFromCivil(2026, 3, 31) * kDay;  // the clock set back: March again
  CHECK(f.Quotas()["api_calls_per_month"] == march);

  int64_t logged = f.now - kDay / 2;
  f.Call("logEvents", {{"groupId", f.group}, {"events", {{{"type", "view"}, {"ts", logged}}}}});
  CHECK(f.Current("events_retention_days") == 0);
  f.now = logged + kDay - 1;
  CHECK(f.Current("events_retention_days") == 0);
  f.now = logged + kDay;  // a whole day old
  CHECK(f.Current("events_retention_days") == 1);
  f.now = logged + 3 * kDay + 5;
  CHECK(f.Current("events_retention_days") == 3);
}

TEST_CASE("kept answers are per group and per argument text", "[quota][cache]") {
  CacheFixture f;
  std::string other = f.Call("createGroup", {{"name", "H"}, {"plan", "starter"}})["id"];
  f.Record("api_calls_per_month", 2);
  CHECK(f.Current("api_calls_per_month") == 2);
  CHECK(f.Text("getGroupQuotas", {{"groupId", other}})["quotas"]["api_calls_per_month"]["current"] == 0);
  CHECK(f.CanCreate(1)["canCreate"] == true);
  int64_t limit = f.Quotas()["entities_total"]["limit"];
  CHECK(f.CanCreate(limit + 1)["canCreate"] == false);
  CHECK(f.CanCreate(1)["canCreate"] == true);
  // Errors are answered every time, never kept.
  CHECK(f.engine->CallForText("getGroupQuotas", R"({"groupId":"nope"})").status().code() == ErrorCode::NotFound);
  f.Call("createGroup", {{"name", "N"}, {"plan", "starter"}, {"id", "nope"}});
  CHECK(f.engine->CallForText("getGroupQuotas", R"({"groupId":"nope"})").ok());
}

// A usage write keeps the kept answers that did not read its group's usage of its metric
// (api/answer_cache.h CarryAcross). Each answer asked after it is checked against the same read
// computed afresh (other argument text, so no kept answer can serve it).
TEST_CASE("a usage write keeps only the answers it cannot change", "[quota][cache]") {
  CacheFixture f;
  std::string other = f.Call("createGroup", {{"name", "H"}, {"plan", "starter"}})["id"];
  auto fresh = [&](const std::string& op, const std::string& group, const std::string& more) {
    auto text = f.engine->CallForText(op, "{ \"groupId\": \"" + group + "\"" + more + " }");
    REQUIRE(text.ok());
    return Json::parse(text.value());
  };
  auto same_as_fresh = [&] {
    CHECK(f.CanCreate(10) == fresh("checkCanCreateEntities", f.group, ", \"count\": 10"));
    CHECK(f.Text("checkCanStore", {{"groupId", f.group}, {"bytes", 1}}) == fresh("checkCanStore", f.group, ", \"bytes\": 1"));
    CHECK(f.Text("getGroupQuotas", {{"groupId", f.group}}) == fresh("getGroupQuotas", f.group, ""));
    CHECK(f.Text("getGroupQuotas", {{"groupId", other}}) == fresh("getGroupQuotas", other, ""));
  };
  same_as_fresh();
  f.Record("api_calls_per_month", 3);  // carries the pre-flight checks of both, the other group's quotas
  same_as_fresh();
  CHECK(f.Current("api_calls_per_month") == 3);
  int64_t limit = f.Quotas()["entities_total"]["limit"];
  CHECK(f.CanCreate(10)["remaining"] == limit);
  f.Record("entities_total", 4);  // the metric the entity check read: dropped
  CHECK(f.CanCreate(10)["remaining"] == limit - 4);
  same_as_fresh();
  f.Call("recordUsage", {{"groupId", other}, {"metric", "entities_total"}, {"amount", 2}});  // another group's
  CHECK(f.CanCreate(10)["remaining"] == limit - 4);
  CHECK(f.Text("getGroupQuotas", {{"groupId", other}})["quotas"]["entities_total"]["current"] == 2);
  same_as_fresh();
  // getGroupQuotas is updated in place: several writes before the next read, one into an
  // earlier month (not the bucket the answer counts), one crossing the warning threshold.
  int64_t api_limit = f.Quotas()["api_calls_per_month"]["limit"];
  f.Record("api_calls_per_month", 1);
  f.Record("api_calls_per_month", 2);
  same_as_fresh();
  f.Call("recordUsage", {{"groupId", f.group}, {"metric", "api_calls_per_month"}, {"amount", 9},
                         {"timestamp", f.now - 40 * kDay}});
  CHECK(f.Current("api_calls_per_month") == 6);
  f.Record("api_calls_per_month", api_limit * 8 / 10 - 6);
  CHECK(f.Quotas()["api_calls_per_month"]["status"] == "warning");
  same_as_fresh();
  f.Record("api_calls_per_month", api_limit);
  CHECK(f.Quotas()["api_calls_per_month"]["status"] == "exceeded");
  CHECK(f.Text("getGroupQuotas", {{"groupId", f.group}})["summary"]["exceededCount"] == 1);
  same_as_fresh();
  f.Call("resetPeriodCounter", {{"groupId", f.group}, {"metric", "api_calls_per_month"}, {"period", "monthly"}});
  CHECK(f.Current("api_calls_per_month") == 0);
  same_as_fresh();
  // A write of another kind after a carried answer drops it: the insert moves the count.
  f.Call("insertThing", {{"groupId", f.group}, {"type", "t"}, {"name", "a"}});
  CHECK(f.CanCreate(10)["remaining"] == limit - 5);
  same_as_fresh();
  // A refused usage write commits nothing and keeps every answer; the next read is still right.
  f.Call("setGroupPlan", {{"groupId", f.group}, {"plan", "starter"}, {"overrides", {{"entities_total", 6}}}});
  same_as_fresh();
  CHECK(f.engine->Call("enforceQuota", {{"groupId", f.group}, {"metric", "entities_total"}, {"requestedAmount", 2}})
            .status()
            .code() == ErrorCode::QuotaExceeded);
  CHECK(f.CanCreate(1)["canCreate"] == true);
  CHECK(f.CanCreate(2)["canCreate"] == false);
  same_as_fresh();
}
