// Usage ledger integrity through the engine's operations: amounts and totals bounded so no sum
// overflows (each refused with the field and the rule, nothing recorded), record ids scoped to
// their group with conflicting replays refused, and the in-place upgrade of a schema-1 store.
// Regressions are named after what broke.
#include <catch2/catch.hpp>

#include "store/database.h"
#include "store/migrations.h"
#include "store/posix_storage.h"
#include "store/statement.h"
#include "store/vfs.h"
#include "old_store.h"
#include "test_support.h"
#include "usage/quantity.h"

using namespace edgetally;
using namespace edgetally::test;
using Json = nlohmann::json;

namespace {

constexpr int64_t k2To62 = int64_t{1} << 62;

struct LedgerFixture : EngineFixture {
  LedgerFixture() : EngineFixture("starter") {}
  Status Fail(const std::string& op, const Json& args) { return engine->Call(op, args).status(); }
  Json Quota(const std::string& g, const std::string& metric) {
    return Call("getGroupQuotas", {{"groupId", g}})["quotas"][metric];
  }
  Result<Json> Record(const std::string& g, const std::string& metric, int64_t amount, Json extra = Json::object()) {
    extra["groupId"] = g;
    extra["metric"] = metric;
    extra["amount"] = amount;
    return engine->Call("recordUsage", extra);
  }
  int64_t UsageRows() {
    auto stmt = engine->db().Prepare("SELECT count(*) FROM usage");
    REQUIRE(stmt.ok());
    REQUIRE(stmt->Step().value());
    return stmt->ColumnInt(0);
  }
};

void CheckRefused(const Status& status, const std::string& field, const std::string& rule) {
  INFO(status.ToString());
  REQUIRE(status.code() == ErrorCode::InvalidArgument);
  CHECK(status.details()["field"] == field);
  CHECK(status.details()["rule"] == rule);
}

}  // namespace

TEST_CASE("recording 2^62 twice made users.current negative and let a Starter group add users", "[ledger][overflow]") {
  LedgerFixture f;
  CheckRefused(f.Record(f.group, "users", k2To62).status(), "amount", "max_quantity");
  CheckRefused(f.Record(f.group, "users", k2To62).status(), "amount", "max_quantity");
  CheckRefused(f.Fail("setServerTotals", {{"groupId", f.group}, {"totals", {{"users", INT64_MAX - 1}}}}),
               "totals.users", "max_quantity");
  CHECK(f.UsageRows() == 0);
  // The largest amount that fits is taken; nothing may be added on top of it.
  REQUIRE(f.Record(f.group, "users", kMaxQuantity).ok());
  CheckRefused(f.Record(f.group, "users", 1).status(), "amount", "max_total");
  CheckRefused(f.Fail("setServerTotals", {{"groupId", f.group}, {"totals", {{"users", 5}}}}), "totals.users", "max_total");
  Json users = f.Quota(f.group, "users");
  CHECK(users["current"] == kMaxQuantity);
  CHECK(users["status"] == "exceeded");
  Status more = f.Fail("enforceQuota", {{"groupId", f.group}, {"metric", "users"}, {"requestedAmount", 1}});
  CHECK(more.code() == ErrorCode::QuotaExceeded);
  CHECK(f.UsageRows() == 1);
}

TEST_CASE("every usage amount and pre-flight count past 2^53 - 1 is refused naming its field", "[ledger][overflow]") {
  LedgerFixture f;
  CheckRefused(f.Fail("enforceQuota", {{"groupId", f.group}, {"metric", "users"}, {"requestedAmount", k2To62}}),
               "requestedAmount", "max_quantity");
  CheckRefused(f.Fail("checkCanCreateEntities", {{"groupId", f.group}, {"count", INT64_MAX}}), "count", "max_quantity");
  CheckRefused(f.Fail("checkCanStore", {{"groupId", f.group}, {"bytes", INT64_MAX}}), "bytes", "max_quantity");
  Status plan = f.Fail("setGroupPlan", {{"groupId", f.group}, {"plan", "pro"}, {"overrides", {{"users", k2To62}}}});
  CHECK(plan.code() == ErrorCode::InvalidArgument);
  CHECK(f.Call("checkCanCreateEntities", {{"groupId", f.group}, {"count", kMaxQuantity}})["canCreate"] == false);
  CHECK(f.UsageRows() == 0);
}

TEST_CASE("a batch whose usage would pass the bound is refused with nothing written", "[ledger][overflow][batch]") {
  LedgerFixture f;
  std::string big = f.Call("createGroup", {{"name", "E"}, {"plan", "enterprise"}})["id"];
  REQUIRE(f.Record(big, "entities_total", kMaxQuantity - 1).ok());
  Json things = {{{"type", "doc"}, {"name", "a"}}, {{"type", "doc"}, {"name", "b"}}};
  CheckRefused(f.Fail("batchInsertThings", {{"groupId", big}, {"things", things}}), "entities_total", "max_total");
  CHECK(f.Call("countThings", {{"groupId", big}}) == 0);
  CHECK(f.Quota(big, "entities_total")["current"] == kMaxQuantity - 1);
  things.erase(1);
  CHECK(f.Call("batchInsertThings", {{"groupId", big}, {"things", things}})["created"].size() == 1);
}

TEST_CASE("a recordId used in one group was silently dropped in another", "[ledger][idempotency]") {
  LedgerFixture f;
  std::string other = f.Call("createGroup", {{"name", "H"}, {"plan", "starter"}})["id"];
  Json id = {{"recordId", "client-7"}};
  CHECK(f.Record(f.group, "users", 2, id).value()["recorded"] == true);
  CHECK(f.Record(other, "users", 2, id).value()["recorded"] == true);
  CHECK(f.Quota(other, "users")["current"] == 2);
  CHECK(f.Record(other, "users", 2, id).value()["duplicate"] == true);  // a replay in its own group
  CHECK(f.Quota(other, "users")["current"] == 2);
  // Acknowledging one group's record leaves the other group's record with the same id unsynced.
  f.Call("setServerTotals", {{"groupId", other}, {"totals", {{"users", 2}}}});
  CHECK(f.Call("acknowledgeUsage", {{"groupId", other}, {"recordIds", {"client-7"}}})["acknowledged"] == 1);
  CHECK(f.Quota(other, "users")["current"] == 2);
  CHECK(f.Quota(f.group, "users")["current"] == 2);
}

TEST_CASE("a recordId replayed with a different metric, amount or period is an IDEMPOTENCY_CONFLICT", "[ledger][idempotency]") {
  LedgerFixture f;
  Json id = {{"recordId", "r-1"}, {"period", "monthly"}};
  REQUIRE(f.Record(f.group, "api_calls_per_month", 10, id).ok());
  auto conflict = [&](const std::string& metric, int64_t amount, const std::string& period) {
    Status s = f.Record(f.group, metric, amount, {{"recordId", "r-1"}, {"period", period}}).status();
    INFO(s.ToString());
    REQUIRE(s.code() == ErrorCode::IdempotencyConflict);
    CHECK(s.details()["field"] == "recordId");
    CHECK(s.details()["recorded"]["amount"] == 10);
    return s.details()["conflicts"];
  };
  CHECK(conflict("api_calls_per_month", 11, "monthly") == Json{"amount"});
  CHECK(conflict("users", 10, "monthly") == Json{"metric"});
  CHECK(conflict("api_calls_per_month", 10, "daily") == Json{"period"});
  Status enforced = f.Fail("enforceQuota", {{"groupId", f.group}, {"metric", "api_calls_per_month"},
                                            {"requestedAmount", 3}, {"recordId", "r-1"}});
  CHECK(enforced.code() == ErrorCode::IdempotencyConflict);
  CHECK(f.Quota(f.group, "api_calls_per_month")["current"] == 10);
  CHECK(f.Quota(f.group, "users")["current"] == 0);
  CHECK(f.UsageRows() == 1);
  // The same content without a period replays (monthly is the default).
  CHECK(f.Record(f.group, "api_calls_per_month", 10, {{"recordId", "r-1"}}).value()["duplicate"] == true);
}

TEST_CASE("an enforceQuota replay is answered as a duplicate even when the quota is now full", "[ledger][idempotency]") {
  LedgerFixture f;
  Json args = {{"groupId", f.group}, {"metric", "users"}, {"requestedAmount", 5}, {"recordId", "seat-batch"}};
  CHECK(f.Call("enforceQuota", args)["recorded"] == true);
  Json replay = f.Call("enforceQuota", args);
  CHECK(replay["duplicate"] == true);
  CHECK(f.Quota(f.group, "users")["current"] == 5);
}

TEST_CASE("a schema-1 store upgrades in place: its usage records kept, their ids scoped per group", "[ledger][migration]") {
  TempDir dir;
  std::string path = dir.File("v1.sqlite3");
  // The store as schema version 1 wrote it, through the same storage path.
  test::WriteOldStore(path, 1, R"sql(
      INSERT INTO groups (id, name, plan, created_at, updated_at) VALUES ('ga', 'A', 'starter', 1, 1), ('gb', 'B', 'starter', 1, 1);
      INSERT INTO usage (record_id, group_id, metric, kind, amount, period, period_start, period_end, bucket, ts, synced)
        VALUES ('shared-id', 'ga', 'users', 'add', 3, 'monthly', 0, 1, 0, 1, 0),
               ('acked', 'ga', 'users', 'add', 1, 'monthly', 0, 1, 0, 1, 1);
      INSERT INTO usage_totals (group_id, metric, bucket, local_total, unacked) VALUES ('ga', 'users', 0, 4, 3);
    )sql");
  ET_REQUIRE_OPEN(engine, path);
  CHECK(ReadSchemaVersion(engine->db()).value() == LatestSchemaVersion());
  auto quota = [&](const std::string& g) {
    return engine->Call("getGroupQuotas", {{"groupId", g}}).value()["quotas"]["users"]["current"];
  };
  CHECK(quota("ga") == 3);
  Json record = {{"groupId", "gb"}, {"metric", "users"}, {"amount", 2}, {"recordId", "shared-id"}};
  CHECK(engine->Call("recordUsage", record).value()["recorded"] == true);
  CHECK(quota("gb") == 2);
  record["groupId"] = "ga";
  record["amount"] = 3;
  CHECK(engine->Call("recordUsage", record).value()["duplicate"] == true);
  record["amount"] = 4;
  CHECK(engine->Call("recordUsage", record).status().code() == ErrorCode::IdempotencyConflict);
  CHECK(engine->Call("acknowledgeUsage", {{"recordIds", {"acked"}}}).value()["acknowledged"] == 0);  // synced kept
  CHECK(quota("ga") == 3);
}
