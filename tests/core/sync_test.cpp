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

TEST_CASE("the outbox reads on after a cursor in (ts, record id) order; format text is the same events as one string") {
  EngineFixture f("enterprise");
  Record(f, "c", 1, 1000);  // written out of order, three on one ts
  Record(f, "a", 1, 1000);
  Record(f, "b", 1, 1000);
  Record(f, "e", 1, 999);
  Record(f, "d", 1, 1001);
  std::vector<std::string> seen;
  nlohmann::json after = nullptr;
  for (int i = 0; i < 10; ++i) {
    nlohmann::json args = {{"maxRecords", 2}, {"maxBytes", 1 << 20}, {"groupId", f.group}, {"format", "text"}};
    if (!after.is_null()) args["after"] = after;
    auto batch = f.Call("syncReadOutbox", args);
    if (batch["count"] == 0) {
      CHECK(batch["cursor"].is_null());
      CHECK(batch["body"] == "[]");
      break;
    }
    const std::string body = batch["body"];
    auto events = nlohmann::json::parse(body);
    CHECK(batch["bytes"] == static_cast<int64_t>(body.size()));
    CHECK(batch["count"] == static_cast<int64_t>(events.size()));
    for (const auto& event : events) seen.push_back(event["id"]);
    after = batch["cursor"];
    CHECK(after["recordId"] == seen.back());
    CHECK(Rfc3339Ms(after["ts"].get<int64_t>()) == events.back()["time"]);
  }
  CHECK(seen == std::vector<std::string>{"e", "a", "b", "c", "d"});
  CHECK(f.Call("syncStatus", nlohmann::json::object())["pendingCount"] == 5);  // reading acknowledges nothing
  auto plain = f.Call("syncReadOutbox", {{"maxRecords", 5}, {"maxBytes", 1 << 20}});
  auto text = f.Call("syncReadOutbox", {{"maxRecords", 5}, {"maxBytes", 1 << 20}, {"format", "text"}});
  CHECK(nlohmann::json::parse(text["body"].get<std::string>()) == plain["events"]);
  CHECK(plain["cursor"]["recordId"] == "d");
  CHECK(plain["cursor"]["ts"] == 1001);
  auto bad = f.engine->Call("syncReadOutbox", {{"maxRecords", 5}, {"maxBytes", 1 << 20}, {"format", "xml"}});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == ErrorCode::InvalidArgument);
}

TEST_CASE("a reply acknowledges the group's records in one step, each once, and no other group's") {
  EngineFixture f("enterprise");
  std::string other = f.Call("createGroup", {{"name", "H"}, {"plan", "enterprise"}})["id"];
  Record(f, "a", 2, 1000);
  Record(f, "b", 3, 1001);
  Record(f, "c", 4, 1002);
  f.Call("recordUsage", {{"groupId", other}, {"metric", "users"}, {"amount", 7}, {"recordId", "a"}, {"timestamp", 1000}});
  auto applied = f.Call("syncApplyReply", {{"groupId", f.group}, {"acknowledged", {"a", "b", "a", "unknown"}},
                                           {"totals", {{{"metric", "users"}, {"bucket", 0}, {"value", 5}}}}, {"asOf", 5000}});
  CHECK(applied["acknowledged"] == 2);
  CHECK(Users(f) == 5 + 4);  // the server's 5 (a and b) plus c, not acknowledged yet
  CHECK(f.Call("syncStatus", nlohmann::json::object())["pendingCount"] == 2);  // c, and the other group's a
  CHECK(f.Call("getGroupQuotas", {{"groupId", other}})["quotas"]["users"]["current"] == 7);
  auto again = f.Call("syncApplyReply", {{"groupId", f.group}, {"acknowledged", {"a", "b"}}, {"asOf", 5001}});
  CHECK(again["acknowledged"] == 0);
  CHECK(Users(f) == 9);
}

}  // namespace
}  // namespace edgetally
