// EventScan: reading a logEvents row from its text gives exactly what CheckEventRow gives on
// the parsed row (the same event, or the same field, rule and message), for the common shape
// and for every shape that leaves it (escapes, repeats, nulls, floats, metadata, bad values);
// and logEvents answers a call the scan cannot take (broken JSON, events given twice, not an
// array) as the parsed path does.
#include <catch2/catch.hpp>

#include "metrics/event_scan.h"
#include "test_support.h"

using namespace edgetally;
using Json = nlohmann::json;

namespace {

constexpr int64_t kNow = 1710504000000;  // 2024-03-15T12:00:00Z

void CheckSame(const std::string& raw) {
  INFO(raw);
  Result<LoggedEvent> scanned = ReadEventRow(raw, kNow);
  Result<LoggedEvent> parsed = CheckEventRow(Json::parse(raw), kNow);
  REQUIRE(scanned.ok() == parsed.ok());
  if (!parsed.ok()) {
    CHECK(scanned.status().code() == parsed.status().code());
    CHECK(scanned.status().message() == parsed.status().message());
    CHECK(scanned.status().details() == parsed.status().details());
    return;
  }
  CHECK(scanned->type == parsed->type);
  CHECK(scanned->actor_id == parsed->actor_id);
  CHECK(scanned->target_id == parsed->target_id);
  CHECK(scanned->ts == parsed->ts);
  CHECK(scanned->amount == parsed->amount);
  CHECK(scanned->currency == parsed->currency);
  CHECK(scanned->metadata == parsed->metadata);
}

}  // namespace

TEST_CASE("a row read from its text equals the parsed row's check", "[metrics][input]") {
  const char* rows[] = {
      // the common shape
      R"({"type":"view","actorId":12,"targetId":7,"ts":1710000000000})",
      R"({"type":"payment","targetId":7,"amount":1999,"currency":"EUR"})",
      R"( { "ts" : 1710000000000 , "type" : "like" } )",
      R"({"type":"refund","amount":0})",
      // shapes that leave it
      R"({"type":"vi\u0065w","targetId":7})",
      R"({"type":"view","type":"like"})",
      R"({"type":"view","actorId":null,"targetId":null,"ts":null,"currency":null,"metadata":null})",
      R"({"type":"view","actorId":12.0,"ts":1.71e12})",
      R"({"type":"payment","amount":1999.0})",
      R"({"type":"view","metadata":{"b":1,"a":[true,null,"x\n"],"c":{"z":1.50}}})",
      R"({"type":"view","metadata":{ }})",
      R"({"type":"view","metadata":{}})",
      // every rule
      R"({"type":"view","colour":1})",
      R"({"type":""})",
      R"({"type":7})",
      R"({"type":"thing_created"})",
      R"({"type":"view","actorId":0})",
      R"({"type":"view","actorId":-3})",
      R"({"type":"view","targetId":"7"})",
      R"({"type":"view","targetId":99999999999999999999})",
      R"({"type":"view","ts":946684799999})",
      R"({"type":"view","ts":1710590400001})",
      R"({"type":"view","ts":1710590400000})",
      R"({"type":"payment"})",
      R"({"type":"payment","amount":-1})",
      R"({"type":"payment","amount":1.5})",
      R"({"type":"payment","amount":9007199254740991})",
      R"({"type":"payment","amount":9007199254740992})",
      R"({"type":"payment","amount":"12"})",
      R"({"type":"view","currency":"usd"})",
      R"({"type":"view","currency":"EURO"})",
      R"({"type":"view","currency":5})",
      R"({"type":"view","metadata":"x"})",
      R"({"type":"view","metadata":[]})",
      R"([1,2])",
      R"("view")",
  };
  for (const char* raw : rows) CheckSame(raw);
  std::string long_type = R"({"type":")" + std::string(65, 't') + R"("})";
  CheckSame(long_type);
  std::string big = R"({"type":"view","metadata":{"x":")" + std::string(70000, 'x') + R"("}})";
  CheckSame(big);
}

TEST_CASE("logEvents answers calls the scan does not take as the parsed path does", "[metrics][input]") {
  test::EngineFixture f("pro");
  auto text = [&](const std::string& args) { return f.engine->CallText("logEvents", args); };
  std::string g = "\"groupId\":\"" + f.group + "\"";
  auto broken = text("{" + g + ",\"events\":[{\"type\":\"view\"},]}");
  CHECK(broken.status().code() == ErrorCode::InvalidArgument);
  CHECK(broken.status().details()["rule"] == "json");
  auto not_array = text("{" + g + ",\"events\":{\"type\":\"view\"}}");
  CHECK(not_array.status().details()["field"] == "events");
  CHECK(not_array.status().details()["rule"] == "array");
  auto unknown = text("{" + g + ",\"events\":[],\"evnts\":[]}");
  CHECK(unknown.status().details()["rule"] == "unknown_field");
  CHECK(text("{\"events\":[]}").status().details()["field"] == "groupId");
  // Given twice, the last one counts (as a parsed object keeps it).
  auto twice = text("{" + g + ",\"events\":[{\"type\":\"view\"}],\"events\":[{\"type\":\"like\"},{\"type\":\"share\"}]}");
  REQUIRE(twice.ok());
  CHECK(twice.value()["logged"].size() == 2);
  auto stmt = f.engine->db().Prepare("SELECT group_concat(type) FROM (SELECT type FROM events WHERE group_id = ?1 ORDER BY id)");
  REQUIRE(stmt.ok());
  stmt->Bind(1, f.group);
  REQUIRE(stmt->Step().value());
  CHECK(stmt->ColumnText(0) == "like,share");
}
