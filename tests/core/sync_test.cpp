// Sync operations (src/sync, api/sync_ops): the outbox read as CloudEvents with its caps, a
// reply applied in one step (totals, acknowledgements, dead letters), and the dead-letter list.
#include <catch2/catch.hpp>

#include "sync/cloud_event.h"
#include "test_support.h"

namespace edgetally {
namespace {

using test::EngineFixture;

void Record(EngineFixture& f, const std::string& id, int64_t amount, int64_t ts) {
  f.Call("recordUsage", {{"groupId", f.group}, {"metric", "users"}, {"amount", amount}, {"recordId", id}, {"timestamp", ts}});
}

int64_t Users(EngineFixture& f) {
  return f.Call("getGroupQuotas", {{"groupId", f.group}})["quotas"]["users"]["current"].get<int64_t>();
}

TEST_CASE("RFC 3339 times keep the milliseconds") {
  CHECK(Rfc3339Ms(0) == "1970-01-01T00:00:00.000Z");
  CHECK(Rfc3339Ms(1796119546123) == "2026-12-01T10:05:46.123Z");
  CHECK(Rfc3339Ms(951782400000) == "2000-02-29T00:00:00.000Z");
}

TEST_CASE("the outbox reads pending records oldest first as CloudEvents, capped by count and bytes") {
  EngineFixture f("enterprise");
  for (int i = 0; i < 5; ++i) Record(f, "r" + std::to_string(i), i + 1, 1000 + i);
  auto batch = f.Call("syncReadOutbox", {{"maxRecords", 3}, {"maxBytes", 1 << 20}});
  REQUIRE(batch["groupId"] == f.group);
  REQUIRE(batch["events"].size() == 3);
  const auto& first = batch["events"][0];
  CHECK(first["specversion"] == "1.0");
  CHECK(first["id"] == "r0");
  CHECK(first["type"] == "users");
  CHECK(first["subject"] == f.group);
  CHECK(first["time"] == "1970-01-01T00:00:01.000Z");
  CHECK(first["source"] == f.Call("info", nlohmann::json::object())["deviceId"]);
  CHECK(first["data"]["amount"] == 1);
  CHECK(first["data"]["kind"] == "add");
  CHECK(first["data"]["bucket"] == 0);
  CHECK(batch["bytes"] == static_cast<int64_t>(batch["events"].dump().size()));

  int64_t one = static_cast<int64_t>(first.dump().size());
  auto small = f.Call("syncReadOutbox", {{"maxRecords", 5}, {"maxBytes", 2 * one + 3}});
  CHECK(small["events"].size() == 2);
  auto tiny = f.Call("syncReadOutbox", {{"maxRecords", 5}, {"maxBytes", 1}});
  CHECK(tiny["events"].size() == 1);  // never stuck: one record always goes

  auto status = f.Call("syncStatus", nlohmann::json::object());
  CHECK(status["pendingCount"] == 5);
  CHECK(status["oldestPendingAt"] == 1000);
  auto all = f.Call("syncReadOutbox", {{"maxRecords", 5}, {"maxBytes", 1 << 20}});
  CHECK(status["pendingBytes"] == static_cast<int64_t>(all["bytes"].get<int64_t>() - 2 - 4));  // minus brackets, commas
}

TEST_CASE("a reply acknowledges, parks and stores the totals in one step") {
  EngineFixture f("starter");
  Record(f, "a", 1, 1000);
  Record(f, "b", 1, 1001);
  Record(f, "c", 1, 1002);
  CHECK(Users(f) == 3);
  auto applied = f.Call("syncApplyReply", {{"groupId", f.group}, {"acknowledged", {"a", "b"}},
                                           {"rejected", {{{"recordId", "c"}, {"code", "invalid_record"}, {"reason", "bad"}}}},
                                           {"totals", {{{"metric", "users"}, {"bucket", 0}, {"value", 4}}}}, {"asOf", 5000}});
  CHECK(applied["acknowledged"] == 2);
  CHECK(applied["parked"] == 1);
  CHECK(Users(f) == 4 + 1);  // the server's 4 (two of them ours) plus c, parked but not settled
  auto status = f.Call("syncStatus", nlohmann::json::object());
  CHECK(status["pendingCount"] == 0);
  CHECK(status["deadLetterCount"] == 1);
  CHECK(f.Call("syncReadOutbox", {{"maxRecords", 10}, {"maxBytes", 1 << 20}})["groupId"].is_null());

  auto letters = f.Call("listDeadLetters", nlohmann::json::object());
  REQUIRE(letters.size() == 1);
  CHECK(letters[0]["recordId"] == "c");
  CHECK(letters[0]["code"] == "invalid_record");
  CHECK(letters[0]["reason"] == "bad");

  CHECK(f.Call("retryDeadLetter", {{"recordIds", {"c"}}})["retried"] == 1);
  CHECK(f.Call("syncStatus", nlohmann::json::object())["pendingCount"] == 1);
  f.Call("syncApplyReply", {{"groupId", f.group}, {"rejected", {{{"recordId", "c"}, {"code", "id_conflict"}}}}, {"asOf", 6000}});
  CHECK(f.Call("discardDeadLetter", nlohmann::json::object())["discarded"] == 1);
  CHECK(Users(f) == 4);
  CHECK(f.Call("syncStatus", nlohmann::json::object())["deadLetterCount"] == 0);
}

TEST_CASE("a reply with a bad field changes nothing") {
  EngineFixture f("starter");
  Record(f, "a", 1, 1000);
  auto bad = f.engine->Call("syncApplyReply", {{"groupId", f.group}, {"acknowledged", {"a"}},
                                               {"totals", {{{"metric", "nope"}, {"bucket", 0}, {"value", 4}}}}, {"asOf", 1}});
  REQUIRE_FALSE(bad.ok());
  CHECK(f.Call("syncStatus", nlohmann::json::object())["pendingCount"] == 1);
  CHECK(Users(f) == 1);
}

}  // namespace
}  // namespace edgetally
