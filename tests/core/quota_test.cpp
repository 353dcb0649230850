// Quotas and usage through the engine's operations: status transitions, limit 0, unlimited,
// downgrades, period rollover, atomic enforcement, replays, offline truth, alerts, bad input.
#include <catch2/catch.hpp>

#include "common/json_writer.h"
#include "quota/quota_state.h"
#include "test_support.h"
#include "usage/periods.h"
#include "usage/quantity.h"

using namespace edgetally;
using Json = nlohmann::json;

namespace {

constexpr int64_t kDay = 86400000;

struct QuotaFixture {
  std::unique_ptr<Engine> engine = std::move(Engine::Open(nullptr, "").value());
  int64_t now = DaysFromCivil(2026, 3, 10) * kDay + 3600000;
  QuotaFixture() { engine->SetClockForTesting([this] { return now; }); }

  Json Call(const std::string& op, Json args) {
    auto result = engine->Call(op, args);
    INFO(op << " " << args.dump() << " -> " << result.status().ToString());
    REQUIRE(result.ok());
    return result.value();
  }
  Status Fail(const std::string& op, Json args) { return engine->Call(op, args).status(); }
  std::string Group(const std::string& plan, Json extra = Json::object()) {
    extra["name"] = "G";
    extra["plan"] = plan;
    return Call("createGroup", extra)["id"];
  }
  Json Quota(const std::string& group, const std::string& metric) {
    return Call("getGroupQuotas", {{"groupId", group}})["quotas"][metric];
  }
  void Record(const std::string& group, const std::string& metric, int64_t amount) {
    Call("recordUsage", {{"groupId", group}, {"metric", metric}, {"amount", amount}, {"period", "monthly"}});
  }
};

}  // namespace

TEST_CASE("status moves ok -> warning -> exceeded as usage grows", "[quota]") {
  QuotaFixture f;
  std::string g = f.Group("starter");  // 1,000 API calls a month
  CHECK(f.Quota(g, "api_calls_per_month")["status"] == "ok");
  f.Record(g, "api_calls_per_month", 799);
  CHECK(f.Quota(g, "api_calls_per_month")["status"] == "ok");
  f.Record(g, "api_calls_per_month", 1);  // 80%: the default threshold
  Json q = f.Quota(g, "api_calls_per_month");
  CHECK(q["status"] == "warning");
  CHECK(q["percentUsed"] == 80.0);
  CHECK(q["remaining"] == 200);
  f.Record(g, "api_calls_per_month", 200);  // exactly at the limit: still warning
  CHECK(f.Quota(g, "api_calls_per_month")["status"] == "warning");
  f.Record(g, "api_calls_per_month", 1);
  q = f.Quota(g, "api_calls_per_month");
  CHECK(q["status"] == "exceeded");
  CHECK(q["remaining"] == 0);
  Json all = f.Call("getGroupQuotas", {{"groupId", g}});
  CHECK(all["summary"]["exceededCount"] == 1);
  CHECK(all["summary"]["allOk"] == false);
  CHECK(all["warnings"][0]["metric"] == "api_calls_per_month");
}

TEST_CASE("a limit of 0 is full from the start and blocks any amount", "[quota]") {
  QuotaFixture f;
  std::string g = f.Group("starter", {{"overrides", {{"users", 0}}}});
  Json q = f.Quota(g, "users");
  CHECK(q["limit"] == 0);
  CHECK(q["percentUsed"] == 100.0);
  CHECK(q["status"] == "warning");
  Status refused = f.Fail("enforceQuota", {{"groupId", g}, {"metric", "users"}, {"requestedAmount", 1}});
  CHECK(refused.code() == ErrorCode::QuotaExceeded);
  CHECK(f.Call("enforceQuota", {{"groupId", g}, {"metric", "users"}, {"requestedAmount", 0}})["recorded"] == true);
}

TEST_CASE("unlimited never blocks and never divides by zero", "[quota]") {
  QuotaFixture f;
  std::string g = f.Group("enterprise");
  f.Record(g, "api_calls_per_month", kMaxQuantity);  // the largest amount a record may carry
  Json q = f.Quota(g, "api_calls_per_month");
  CHECK(q["unlimited"] == true);
  CHECK(q["limit"].is_null());
  CHECK(q["remaining"].is_null());
  CHECK(q["percentUsed"] == 0.0);
  CHECK(q["status"] == "ok");
  Json check = f.Call("checkCanCreateEntities", {{"groupId", g}, {"count", kMaxQuantity}});
  CHECK(check["canCreate"] == true);
  CHECK(check["reason"].is_null());
  CHECK(f.Call("enforceQuota", {{"groupId", g}, {"metric", "users"}, {"requestedAmount", 1000000}})["recorded"] == true);
}

TEST_CASE("a downgrade below current usage reads exceeded and loses nothing", "[quota]") {
  QuotaFixture f;
  std::string g = f.Group("pro");
  Json things = Json::array();
  for (int i = 0; i < 150; ++i) things.push_back({{"type", "doc"}, {"name", "d" + std::to_string(i)}});
  f.Call("batchInsertThings", {{"groupId", g}, {"things", things}});
  CHECK(f.Quota(g, "entities_total")["status"] == "ok");
  f.Call("setGroupPlan", {{"groupId", g}, {"plan", "starter"}});
  Json q = f.Quota(g, "entities_total");
  CHECK(q["status"] == "exceeded");
  CHECK(q["current"] == 150);
  CHECK(f.Call("countThings", {{"groupId", g}}) == 150);
  Status more = f.Fail("insertThing", {{"groupId", g}, {"type", "doc"}, {"name", "one more"}});
  CHECK(more.code() == ErrorCode::QuotaExceeded);
  f.Call("setGroupPlan", {{"groupId", g}, {"plan", "pro"}});
  CHECK(f.Quota(g, "entities_total")["status"] == "ok");
}

TEST_CASE("checkCanCreateEntities reserves nothing and names the cheapest plan that fits", "[quota]") {
  QuotaFixture f;
  std::string g = f.Group("starter");
  Json ok = f.Call("checkCanCreateEntities", {{"groupId", g}, {"count", 100}});
  CHECK(ok["canCreate"] == true);
  CHECK(ok["remaining"] == 100);
  CHECK(f.Call("checkCanCreateEntities", {{"groupId", g}, {"count", 100}})["remaining"] == 100);
  Json no = f.Call("checkCanCreateEntities", {{"groupId", g}, {"count", 101}});
  CHECK(no["canCreate"] == false);
  CHECK_THAT(no["reason"].get<std::string>(), Catch::Contains("Starter plan's limit of 100 entities"));
  CHECK_THAT(no["suggestion"].get<std::string>(), Catch::StartsWith("Upgrade to Pro ($49.00/month)"));
  Json huge = f.Call("checkCanCreateEntities", {{"groupId", g}, {"count", 20000}});
  CHECK_THAT(huge["suggestion"].get<std::string>(), Catch::StartsWith("Upgrade to Enterprise"));
  Json store = f.Call("checkCanStore", {{"groupId", g}, {"bytes", 2LL << 30}});
  CHECK(store["canStore"] == false);
  CHECK_THAT(store["reason"].get<std::string>(), Catch::Contains("1 GB"));
}

TEST_CASE("a batch over the entity limit is refused before any write", "[quota][batch]") {
  QuotaFixture f;
  std::string g = f.Group("starter");
  Json things = Json::array();
  for (int i = 0; i < 101; ++i) things.push_back({{"type", "doc"}, {"name", "d" + std::to_string(i)}});
  Status refused = f.Fail("batchInsertThings", {{"groupId", g}, {"things", things}});
  REQUIRE(refused.code() == ErrorCode::QuotaExceeded);
  CHECK(refused.details()["metric"] == "entities_total");
  CHECK(refused.details()["requested"] == 101);
  CHECK_THAT(refused.details()["suggestion"].get<std::string>(), Catch::Contains("Pro"));
  CHECK(f.Call("countThings", {{"groupId", g}}) == 0);
  CHECK(f.Quota(g, "entities_total")["current"] == 0);
  things.erase(things.begin());
  f.Call("batchInsertThings", {{"groupId", g}, {"things", things}});
  CHECK(f.Quota(g, "entities_total")["current"] == 100);
  CHECK(f.Quota(g, "storage_gb")["current"].get<int64_t>() > 100 * 5);
}

TEST_CASE("enforceQuota lets exactly one of two calls take the last unit", "[quota]") {
  QuotaFixture f;
  std::string g = f.Group("starter");
  f.Record(g, "users", 4);
  Json args = {{"groupId", g}, {"metric", "users"}, {"requestedAmount", 1}};
  CHECK(f.engine->Call("enforceQuota", args).ok());
  Status second = f.Fail("enforceQuota", args);
  REQUIRE(second.code() == ErrorCode::QuotaExceeded);
  CHECK(second.details()["limit"] == 5);
  CHECK(second.details()["current"] == 5);
  CHECK(second.details()["requested"] == 1);
  CHECK(f.Quota(g, "users")["current"] == 5);
}

TEST_CASE("a replayed record id counts once", "[quota][usage]") {
  QuotaFixture f;
  std::string g = f.Group("pro");
  Json args = {{"groupId", g}, {"metric", "api_calls_per_month"}, {"amount", 7}, {"recordId", "client-42"}};
  CHECK(f.Call("recordUsage", args)["recorded"] == true);
  Json replay = f.Call("recordUsage", args);
  CHECK(replay["recorded"] == false);
  CHECK(replay["duplicate"] == true);
  CHECK(f.Quota(g, "api_calls_per_month")["current"] == 7);
}

TEST_CASE("counters roll over at the period end and resetPeriodCounter starts over", "[quota][usage]") {
  QuotaFixture f;
  std::string g = f.Group("starter");
  f.Record(g, "api_calls_per_month", 900);
  Json q = f.Quota(g, "api_calls_per_month");
  CHECK(q["periodStart"] == DaysFromCivil(2026, 3, 1) * kDay);
  CHECK(q["nextResetAt"] == DaysFromCivil(2026, 4, 1) * kDay);
  f.now = DaysFromCivil(2026, 4, 1) * kDay;  // exactly at periodEnd: the next period
  CHECK(f.Quota(g, "api_calls_per_month")["current"] == 0);
  f.Record(g, "api_calls_per_month", 50);
  f.Call("resetPeriodCounter", {{"groupId", g}, {"metric", "api_calls_per_month"}, {"period", "monthly"}});
  CHECK(f.Quota(g, "api_calls_per_month")["current"] == 0);
  f.Record(g, "api_calls_per_month", 3);
  CHECK(f.Quota(g, "api_calls_per_month")["current"] == 3);
  CHECK(f.Fail("resetPeriodCounter", {{"groupId", g}, {"metric", "users"}, {"period", "monthly"}})
            .details()["rule"] == "counter_only");
}

TEST_CASE("an anchored group counts API calls from its billing day", "[quota][usage]") {
  QuotaFixture f;
  std::string g = f.Group("starter", {{"billingAnchor", {{"day", 31}}}});
  f.now = DaysFromCivil(2026, 2, 27) * kDay;
  f.Record(g, "api_calls_per_month", 10);  // period Jan 31 - Feb 28
  CHECK(f.Quota(g, "api_calls_per_month")["periodEnd"] == DaysFromCivil(2026, 2, 28) * kDay);
  f.now = DaysFromCivil(2026, 2, 28) * kDay;
  CHECK(f.Quota(g, "api_calls_per_month")["current"] == 0);
  CHECK(f.Quota(g, "api_calls_per_month")["periodEnd"] == DaysFromCivil(2026, 3, 31) * kDay);
}

TEST_CASE("offline truth: server totals plus unacknowledged local records", "[quota][usage]") {
  QuotaFixture f;
  std::string g = f.Group("starter");
  Json first = f.Call("recordUsage", {{"groupId", g}, {"metric", "users"}, {"amount", 1}});
  f.Call("setServerTotals", {{"groupId", g}, {"totals", {{"users", 3}}}});  // other devices: 3
  CHECK(f.Quota(g, "users")["current"] == 4);  // 3 known + 1 not yet acknowledged
  f.Call("acknowledgeUsage", {{"recordIds", {first["recordId"]}}});
  CHECK(f.Quota(g, "users")["current"] == 3);  // the server total now includes it...
  f.now += 1000;
  f.Call("setServerTotals", {{"groupId", g}, {"totals", {{"users", 4}}}});
  CHECK(f.Quota(g, "users")["current"] == 4);  // ...and the next sync reports it
  Status full = f.Fail("enforceQuota", {{"groupId", g}, {"metric", "users"}, {"requestedAmount", 2}});
  CHECK(full.code() == ErrorCode::QuotaExceeded);
  f.Call("setServerTotals", {{"groupId", g}, {"totals", {{"users", 1}}}, {"asOf", f.now - 5000}});
  CHECK(f.Quota(g, "users")["current"] == 4);  // an older total never replaces a newer one
}

// The quota alerts among the engine's events (each committed write also raises a change event).
std::vector<Json> QuotaAlerts(Engine& engine) {
  std::vector<Json> alerts;
  for (Json& event : engine.TakeNotifications()) {
    if (event["type"] == "quota") alerts.push_back(std::move(event));
  }
  return alerts;
}

TEST_CASE("alerts fire once per threshold per period", "[quota][alerts]") {
  QuotaFixture f;
  std::string g = f.Group("starter");
  QuotaAlerts(*f.engine);
  f.Record(g, "api_calls_per_month", 850);
  auto alerts = QuotaAlerts(*f.engine);
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0]["metric"] == "api_calls_per_month");
  CHECK(alerts[0]["status"] == "warning");
  f.Record(g, "api_calls_per_month", 10);
  CHECK(QuotaAlerts(*f.engine).empty());
  f.Record(g, "api_calls_per_month", 200);
  alerts = QuotaAlerts(*f.engine);
  REQUIRE(alerts.size() == 1);
  CHECK(alerts[0]["status"] == "exceeded");
  f.Record(g, "api_calls_per_month", 1);
  CHECK(QuotaAlerts(*f.engine).empty());
  f.now = DaysFromCivil(2026, 4, 2) * kDay;  // next period: can alert again
  f.Record(g, "api_calls_per_month", 900);
  CHECK(QuotaAlerts(*f.engine).size() == 1);
}

TEST_CASE("custom plans and thresholds from JSON", "[quota][plans]") {
  QuotaFixture f;
  Json team = {{"id", "team"}, {"name", "Team"}, {"priceCents", 1900},
               {"limits", {{"users", 10}, {"storage_gb", 5LL << 30}, {"api_calls_per_month", 10000},
                           {"entities_total", 1000}, {"connections_total", 5000}, {"events_retention_days", 90}}}};
  Json plans = f.Call("definePlans", {{"plans", {team}}});
  CHECK(plans[1]["id"] == "team");  // sorted by price: starter (0), team, pro, enterprise
  std::string g = f.Group("starter");
  Json check = f.Call("checkCanCreateEntities", {{"groupId", g}, {"count", 500}});
  CHECK_THAT(check["suggestion"].get<std::string>(), Catch::StartsWith("Upgrade to Team ($19.00/month)"));
  f.Call("setWarningThresholds", {{"thresholds", {{"entities_total", 50}}}});
  f.Call("setGroupPlan", {{"groupId", g}, {"plan", "team"}});
  f.Record(g, "entities_total", 500);
  CHECK(f.Quota(g, "entities_total")["status"] == "warning");
  Json pricing = f.Call("getUpgradePricing", {{"groupId", g}});
  CHECK(pricing["options"][0]["plan"] == "pro");
  CHECK(pricing["options"][0]["priceDifferenceCents"] == 3000);
  Json status = f.Call("getQuotaStatus", {{"groupId", g}});
  CHECK_THAT(status["summary"].get<std::string>(), Catch::Contains("1 of 6 quotas need attention"));
}

TEST_CASE("bad quota input gets typed errors and leaves the ledger untouched", "[quota][bad-input]") {
  QuotaFixture f;
  std::string g = f.Group("pro");
  auto rec = [&](Json amount, std::string metric = "users", std::string period = "monthly") {
    return f.Fail("recordUsage", {{"groupId", g}, {"metric", metric}, {"amount", amount}, {"period", period}});
  };
  CHECK(rec(1, "bandwidth").code() == ErrorCode::UnknownMetric);
  CHECK(rec(1, "users", "weekly").code() == ErrorCode::UnknownPeriod);
  CHECK(rec(-1).details()["rule"] == "range");
  CHECK(rec(1.5).details()["rule"] == "integer");
  CHECK(rec(nullptr).details()["rule"] == "required");  // null is a missing amount (JS refuses NaN before encoding)
  CHECK(rec(1e19).details()["rule"] == "range");
  CHECK(rec(18446744073709551615ULL).details()["rule"] == "range");
  CHECK(rec("5").details()["rule"] == "integer");
  CHECK(rec(1, "events_retention_days").details()["rule"] == "derived_metric");
  CHECK(f.Fail("recordUsage", {{"groupId", "nope"}, {"metric", "users"}, {"amount", 1}}).code() ==
        ErrorCode::NotFound);
  CHECK(f.Fail("setGroupPlan", {{"groupId", g}, {"plan", "gold"}}).code() == ErrorCode::UnknownPlan);
  CHECK(f.Fail("definePlans", {{"plans", {{{"id", "x"}, {"name", "X"}, {"priceCents", 1}, {"limits", {{"users", 1}}}}}}})
            .details()["field"] == "limits.storage_gb");
  CHECK(f.Fail("definePlans", {{"plans", "all"}}).details()["rule"] == "array");
  CHECK(f.Fail("setWarningThresholds", {{"thresholds", {{"users", 150}}}}).details()["rule"] == "range");
  CHECK(f.Fail("createGroup", {{"name", "A"}, {"plan", "pro"}, {"billingAnchor", {{"day", 32}}}})
            .details()["field"] == "billingAnchor.day");
  CHECK(f.Quota(g, "users")["current"] == 0);
}

// QuotaState::WriteJson puts each state's object together in one buffer; its text must be what
// the key-by-key JsonWriter calls wrote before (the reference below), for every kind of state.
TEST_CASE("a quota state's JSON text is the key-by-key writer's", "[quota][json]") {
  auto reference = [](const QuotaState& s) {
    JsonWriter out;
    out.BeginObject().Key("current").Int(s.current).Key("limit");
    s.limit.unlimited ? out.Null() : out.Int(s.limit.value);
    out.Key("unlimited").Bool(s.limit.unlimited).Key("percentUsed").Double(s.percent_used).Key("remaining");
    s.remaining() ? out.Int(*s.remaining()) : out.Null();
    out.Key("status").String(QuotaLevelName(s.level));
    for (const char* key : {"periodStart", "periodEnd", "nextResetAt"}) {
      out.Key(key);
      if (!s.period) out.Null();
      else out.Int(key[6] == 'S' ? s.period->start : s.period->end);
    }
    return out.EndObject().Take();
  };
  const std::optional<PeriodBounds> periods[] = {std::nullopt, PeriodBounds{1772323200000, 1775001600000}};
  const Limit limits[] = {Limit::Unlimited(), Limit::Of(0), Limit::Of(3), Limit::Of(100000), Limit::Of(INT64_MAX / 4)};
  const int64_t currents[] = {0, 1, 2, 3, 80000, 99999, 123457, -5, INT64_MAX / 4, kMaxQuantity};
  for (const auto& period : periods) {
    for (const Limit& limit : limits) {
      for (int64_t current : currents) {
        QuotaState state = EvaluateQuota(Metric::ApiCallsPerMonth, current, limit, 80, period);
        JsonWriter out;
        out.BeginArray();
        state.WriteJson(out);
        state.WriteJson(out);  // a second value: the comma before it
        out.EndArray();
        std::string one = reference(state);
        INFO(one);
        CHECK(out.text() == "[" + one + "," + one + "]");
      }
    }
  }
  QuotaState odd = EvaluateQuota(Metric::StorageBytes, 1, Limit::Of(3), 80, std::nullopt);
  odd.percent_used = 1.0 / 3;  // not a tenth: the snprintf path
  JsonWriter out;
  odd.WriteJson(out);
  CHECK(out.text() == reference(odd));
}
