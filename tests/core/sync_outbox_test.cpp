// The sync outbox as its own table (usage/usage_outbox.h): a batch acknowledged as the outbox
// range it was read as (all of it, all but its rejected records, or none when the app changed
// the range meanwhile), record ids that sort by time, and the upgrade of a store written before
// the table (schema 5): its pending records go out, its acknowledged and parked ones do not.
#include <catch2/catch.hpp>

#include "store/database.h"
#include "store/migrations.h"
#include "store/posix_storage.h"
#include "store/statement.h"
#include "store/vfs.h"
#include "old_store.h"
#include "test_support.h"

namespace edgetally {
namespace {

using test::EngineFixture;
using Json = nlohmann::json;

void Record(EngineFixture& f, const std::string& id, int64_t amount, int64_t ts) {
  f.Call("recordUsage", {{"groupId", f.group}, {"metric", "users"}, {"amount", amount}, {"recordId", id}, {"timestamp", ts}});
}

Json Status(EngineFixture& f) { return f.Call("syncStatus", Json::object()); }

int64_t Users(EngineFixture& f) {
  return f.Call("getGroupQuotas", {{"groupId", f.group}})["quotas"]["users"]["current"].get<int64_t>();
}

// syncApplyReply's batch for a read made after `after` (null for the first).
Json BatchOf(const Json& read, const Json& after) {
  Json batch = {{"last", read["cursor"]}, {"count", read["count"]}, {"digest", read["digest"]}};
  if (!after.is_null()) batch["after"] = after;
  return batch;
}

TEST_CASE("a batch is acknowledged as the outbox range it was read as, in one step") {
  EngineFixture f("enterprise");
  for (int i = 0; i < 5; ++i) Record(f, "r" + std::to_string(i), 1, 1000 + i);
  auto first = f.Call("syncReadOutbox", {{"maxRecords", 2}, {"maxBytes", 1 << 20}, {"groupId", f.group}});
  auto second = f.Call("syncReadOutbox", {{"maxRecords", 2}, {"maxBytes", 1 << 20}, {"groupId", f.group}, {"after", first["cursor"]}});
  CHECK(first["digest"] != second["digest"]);
  auto applied = f.Call("syncApplyReply", {{"groupId", f.group}, {"batch", BatchOf(second, first["cursor"])}, {"asOf", 5000},
                                           {"totals", {{{"metric", "users"}, {"bucket", 0}, {"value", 2}}}}});
  CHECK(applied["acknowledged"] == 2);
  CHECK(applied["stale"] == false);
  CHECK(Status(f)["pendingCount"] == 3);  // r0, r1 (the first batch, still in flight) and r4
  CHECK(Users(f) == 2 + 3);
  applied = f.Call("syncApplyReply", {{"groupId", f.group}, {"batch", BatchOf(first, nullptr)}, {"asOf", 5001}});
  CHECK(applied["acknowledged"] == 2);
  auto rest = f.Call("syncReadOutbox", {{"maxRecords", 5}, {"maxBytes", 1 << 20}});
  REQUIRE(rest["count"] == 1);
  CHECK(rest["events"][0]["id"] == "r4");
  // the same batch again: its range is empty now, nothing more is acknowledged
  CHECK(f.Call("syncApplyReply", {{"groupId", f.group}, {"batch", BatchOf(first, nullptr)}, {"asOf", 5002}})["stale"] == true);
  CHECK(Status(f)["pendingCount"] == 1);
}

TEST_CASE("a record the app adds into a batch's range while it is in flight is never acknowledged unsent") {
  EngineFixture f("enterprise");
  Record(f, "b", 1, 1000);
  Record(f, "d", 1, 1002);
  auto read = f.Call("syncReadOutbox", {{"maxRecords", 10}, {"maxBytes", 1 << 20}, {"format", "bytes"}});
  REQUIRE(read["count"] == 2);
  Record(f, "c", 1, 1001);  // an old timestamp: inside (start, d]
  auto applied = f.Call("syncApplyReply", {{"groupId", f.group}, {"batch", BatchOf(read, nullptr)}, {"asOf", 5000}});
  CHECK(applied["stale"] == true);
  CHECK(applied["acknowledged"] == 0);
  CHECK(Status(f)["pendingCount"] == 3);
  CHECK(Users(f) == 3);
  // the same count with another record in the range: the digest tells them apart
  f.Call("acknowledgeUsage", {{"recordIds", {"c"}}});
  Record(f, "a", 1, 999);
  CHECK(Status(f)["pendingCount"] == 3);
  auto again = f.Call("syncReadOutbox", {{"maxRecords", 2}, {"maxBytes", 1 << 20}});
  f.Call("acknowledgeUsage", {{"recordIds", {"a"}}});
  Record(f, "a2", 1, 999);
  CHECK(f.Call("syncApplyReply", {{"groupId", f.group}, {"batch", BatchOf(again, nullptr)}, {"asOf", 5001}})["stale"] == true);
  auto fresh = f.Call("syncReadOutbox", {{"maxRecords", 10}, {"maxBytes", 1 << 20}});
  applied = f.Call("syncApplyReply", {{"groupId", f.group}, {"batch", BatchOf(fresh, nullptr)}, {"asOf", 5002}});
  CHECK(applied["acknowledged"] == 3);
  CHECK(Status(f)["pendingCount"] == 0);
}

TEST_CASE("a batch's rejected records are parked and the rest of its range acknowledged") {
  EngineFixture f("enterprise");
  Record(f, "a", 1, 1000);
  Record(f, "b", 2, 1001);
  Record(f, "c", 4, 1002);
  auto read = f.Call("syncReadOutbox", {{"maxRecords", 10}, {"maxBytes", 1 << 20}});
  auto applied = f.Call("syncApplyReply", {{"groupId", f.group}, {"batch", BatchOf(read, nullptr)}, {"asOf", 5000},
                                           {"rejected", {{{"recordId", "b"}, {"code", "invalid_record"}}}},
                                           {"totals", {{{"metric", "users"}, {"bucket", 0}, {"value", 5}}}}});
  CHECK(applied["acknowledged"] == 2);
  CHECK(applied["parked"] == 1);
  CHECK(Status(f)["pendingCount"] == 0);
  CHECK(Status(f)["deadLetterCount"] == 1);
  CHECK(Users(f) == 5 + 2);  // the server's a and c, plus b: parked, not settled
  CHECK(f.Call("retryDeadLetter", Json::object())["retried"] == 1);
  auto retried = f.Call("syncReadOutbox", {{"maxRecords", 10}, {"maxBytes", 1 << 20}});
  REQUIRE(retried["count"] == 1);
  CHECK(retried["events"][0]["id"] == "b");
}

TEST_CASE("a new record id starts with its time in hex, so ids written in a row sort together") {
  EngineFixture f("enterprise");
  auto first = f.Call("recordUsage", {{"groupId", f.group}, {"metric", "users"}, {"amount", 1}, {"timestamp", 0x123456789ab}});
  auto second = f.Call("recordUsage", {{"groupId", f.group}, {"metric", "users"}, {"amount", 1}, {"timestamp", 0x123456789ac}});
  std::string a = first["recordId"], b = second["recordId"];
  CHECK(a.size() == 34);
  CHECK(a.substr(0, 14) == "u_0123456789ab");
  CHECK(a < b);
  CHECK(a.substr(14) != b.substr(14));  // the random part
}

TEST_CASE("a schema-5 store upgrades in place: pending records go to the outbox, acknowledged and parked ones do not", "[migration]") {
  test::TempDir dir;
  std::string path = dir.File("v5.sqlite3");
  // The store as schema version 5 wrote it, through the same storage path.
  test::WriteOldStore(path, 5, R"sql(
      INSERT INTO groups (id, name, plan, created_at, updated_at) VALUES ('ga', 'A', 'enterprise', 1, 1);
      INSERT INTO usage (record_id, group_id, metric, kind, amount, period, period_start, period_end, bucket, ts, synced)
        VALUES ('p2', 'ga', 'users', 'add', 2, 'monthly', 0, 1, 0, 200, 0),
               ('p1', 'ga', 'users', 'add', 1, 'monthly', 0, 1, 0, 100, 0),
               ('acked', 'ga', 'users', 'add', 4, 'monthly', 0, 1, 0, 50, 1),
               ('parked', 'ga', 'users', 'add', 8, 'monthly', 0, 1, 0, 60, 2);
      INSERT INTO sync_dead_letters (group_id, record_id, code, reason, parked_at) VALUES ('ga', 'parked', 'invalid_record', 'bad', 70);
      INSERT INTO usage_totals (group_id, metric, bucket, local_total, unacked) VALUES ('ga', 'users', 0, 15, 11);
    )sql");
  ET_REQUIRE_OPEN(engine, path);
  CHECK(ReadSchemaVersion(engine->db()).value() == LatestSchemaVersion());
  auto call = [&](const std::string& op, const Json& args) {
    auto result = engine->Call(op, args);
    INFO(op << " -> " << result.status().ToString());
    REQUIRE(result.ok());
    return result.value();
  };
  auto status = call("syncStatus", Json::object());
  CHECK(status["pendingCount"] == 2);
  CHECK(status["oldestPendingAt"] == 100);
  CHECK(status["deadLetterCount"] == 1);
  auto read = call("syncReadOutbox", {{"maxRecords", 10}, {"maxBytes", 1 << 20}});
  REQUIRE(read["count"] == 2);
  CHECK(read["events"][0]["id"] == "p1");
  CHECK(read["events"][1]["id"] == "p2");
  CHECK(read["events"][1]["data"]["amount"] == 2);
  auto applied = call("syncApplyReply", {{"groupId", "ga"}, {"batch", BatchOf(read, nullptr)}, {"asOf", 5000},
                                         {"totals", {{{"metric", "users"}, {"bucket", 0}, {"value", 7}}}}});
  CHECK(applied["acknowledged"] == 2);
  CHECK(call("getGroupQuotas", {{"groupId", "ga"}})["quotas"]["users"]["current"] == 7 + 8);  // + parked
  CHECK(call("acknowledgeUsage", {{"recordIds", {"acked"}}})["acknowledged"] == 0);
  CHECK(call("retryDeadLetter", Json::object())["retried"] == 1);
  auto parked = call("syncReadOutbox", {{"maxRecords", 10}, {"maxBytes", 1 << 20}});
  REQUIRE(parked["count"] == 1);
  CHECK(parked["events"][0]["id"] == "parked");
}

}  // namespace
}  // namespace edgetally
