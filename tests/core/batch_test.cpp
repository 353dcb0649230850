// Batch operations: modes, the store's validation rules, events, connections, updates with
// change tracking, and the usage each batch records.
#include <catch2/catch.hpp>

#include "store/statement.h"
#include "test_support.h"

using namespace edgetally;
using Json = nlohmann::json;

namespace {

struct BatchFixture : test::EngineFixture {
  BatchFixture() : EngineFixture("pro") {}
  int64_t Scalar(const std::string& sql) {
    auto stmt = engine->db().Prepare(sql);
    REQUIRE(stmt.ok());
    REQUIRE(stmt->Step().value());
    return stmt->ColumnInt(0);
  }
  Json Things(int n, const std::string& type = "course") {
    Json rows = Json::array();
    for (int i = 0; i < n; ++i) {
      rows.push_back({{"type", type}, {"name", "t" + std::to_string(i)}, {"properties", {{"price", i}}}});
    }
    return rows;
  }
  std::vector<int64_t> Insert(int n) {
    return Call("batchInsertThings", {{"groupId", group}, {"things", Things(n)}})["created"];
  }
};

}  // namespace

TEST_CASE("partial mode writes the valid rows and reports the others", "[batch]") {
  BatchFixture f;
  Json rows = f.Things(10);
  rows[2]["name"] = "";
  rows[7]["properties"] = "x";
  Json result = f.Call("batchInsertThings", {{"groupId", f.group}, {"things", rows}, {"mode", "partial"}});
  CHECK(result["created"].size() == 8);
  CHECK(result["failed"] == 2);
  CHECK(result["summary"] == Json{{"total", 10}, {"success", 8}, {"failed", 2}});
  CHECK(result["errors"][0]["index"] == 2);
  CHECK(result["errors"][1]["index"] == 7);
  CHECK(f.Call("countThings", {{"groupId", f.group}}) == 8);
  CHECK(f.Call("getGroupQuotas", {{"groupId", f.group}})["quotas"]["entities_total"]["current"] == 8);
  CHECK(f.engine->Call("batchInsertThings", {{"groupId", f.group}, {"things", rows}, {"mode", "some"}})
            .status().details()["field"] == "mode");
}

TEST_CASE("a batch logs one thing_created event and adds its rows to the daily rollup", "[batch][events]") {
  BatchFixture f;
  std::vector<int64_t> ids = f.Insert(25);
  f.Insert(5);
  CHECK(f.Scalar("SELECT count(*) FROM events WHERE type = 'thing_created'") == 2);
  CHECK(f.Scalar("SELECT json_extract(metadata, '$.lastId') - json_extract(metadata, '$.firstId') "
                 "FROM events WHERE type = 'thing_created' ORDER BY id LIMIT 1") == 24);
  CHECK(f.Scalar("SELECT sum(count) FROM rollups WHERE type = 'thing_created'") == 30);
  CHECK(f.Scalar("SELECT count(*) FROM usage WHERE metric = 'entities_total'") == 2);
  CHECK(f.Scalar("SELECT sum(amount) FROM usage WHERE metric = 'entities_total'") == 30);
}

TEST_CASE("allowed types and per-type schemas, and skipValidation for trusted sources", "[batch][rules]") {
  BatchFixture f;
  f.Call("setValidationRules", {{"rules", {{"allowedTypes", {"course", "lesson"}},
                                           {"schemas", {{"course", {{"price", {{"type", "number"}, {"min", 0}, {"required", true}}},
                                                                    {"title", {{"type", "string"}, {"maxLength", 5}}}}}}}}}});
  Json rows = Json::array({
      {{"type", "course"}, {"name", "ok"}, {"properties", {{"price", 3}}}},
      {{"type", "video"}, {"name", "bad type"}},
      {{"type", "course"}, {"name", "no price"}},
      {{"type", "course"}, {"name", "negative"}, {"properties", {{"price", -1}}}},
      {{"type", "course"}, {"name", "string price"}, {"properties", {{"price", "3"}}}},
      {{"type", "course"}, {"name", "long title"}, {"properties", {{"price", 1}, {"title", "toolong"}}}},
      {{"type", "lesson"}, {"name", "no schema"}},
  });
  Json result = f.Call("batchInsertThings", {{"groupId", f.group}, {"things", rows}});
  std::vector<std::pair<int64_t, std::string>> got;
  for (const Json& e : result["errors"]) got.push_back({e["index"], e["field"].get<std::string>() + ":" + e["code"].get<std::string>()});
  CHECK(got == std::vector<std::pair<int64_t, std::string>>{{1, "type:allowed_type"},
                                                            {2, "properties.price:required"},
                                                            {3, "properties.price:min"},
                                                            {4, "properties.price:type"},
                                                            {5, "properties.title:max_length"}});
  CHECK(f.Call("countThings", {{"groupId", f.group}}) == 0);  // atomic
  result = f.Call("batchInsertThings", {{"groupId", f.group}, {"things", rows}, {"skipValidation", true}});
  CHECK(result["created"].size() == 7);
  CHECK(f.engine->Call("insertThing", {{"groupId", f.group}, {"type", "video"}, {"name", "x"}})
            .status().details()["rule"] == "allowed_type");
  CHECK(f.engine->Call("setValidationRules", {{"rules", {{"schemas", {{"course", {{"price", {{"type", "money"}}}}}}}}}})
            .status().details()["field"] == "rules.schemas.course.price.type");  // the full path
}

TEST_CASE("schema rules read the properties as JSON does: last duplicate key, null as absent", "[batch][rules]") {
  BatchFixture f;
  f.Call("setValidationRules", {{"rules", {{"schemas", {{"course", {{"price", {{"type", "number"}, {"min", 0}, {"required", true}}},
                                                                     {"level", {{"type", "integer"}, {"max", 3}}},
                                                                     {"tag", {{"type", "string"}, {"maxLength", 2}}}}}}}}}});
  std::string things = R"([
    {"type": "course", "name": "dup ok", "properties": {"price": -1, "x": {"price": -5}, "price": 2}},
    {"type": "course", "name": "dup bad", "properties": {"price": 2, "price": -0.5}},
    {"type": "course", "name": "null", "properties": {"price": null}},
    {"type": "course", "name": "integers", "properties": {"price": 1e2, "level": 2.0}},
    {"type": "course", "name": "fraction", "properties": {"price": 0.5, "level": 2.5}},
    {"type": "course", "name": "too high", "properties": {"price": 0, "level": 4}},
    {"type": "course", "name": "chars", "properties": {"price": 0, "tag": "éé"}},
    {"type": "course", "name": "long", "properties": {"price": 0, "tag": "abc", "level": "x"}}])";
  auto result = f.engine->CallText("batchInsertThings",
                                   R"({"groupId": ")" + f.group + R"(", "mode": "partial", "things": )" + things + "}");
  REQUIRE(result.ok());
  std::vector<std::pair<int64_t, std::string>> got;
  for (const Json& e : result.value()["errors"]) got.push_back({e["index"], e["field"].get<std::string>() + ":" + e["code"].get<std::string>()});
  CHECK(got == std::vector<std::pair<int64_t, std::string>>{{1, "properties.price:min"},
                                                            {2, "properties.price:required"},
                                                            {4, "properties.level:type"},
                                                            {5, "properties.level:max"},
                                                            {7, "properties.level:type"}});
}

TEST_CASE("connections join existing things of the same group, once", "[batch][connections]") {
  BatchFixture f;
  std::vector<int64_t> ids = f.Insert(4);
  std::string other = f.Call("createGroup", {{"name", "Other"}, {"plan", "pro"}})["id"];
  int64_t foreign = f.Call("insertThing", {{"groupId", other}, {"type", "t"}, {"name", "f"}})["id"];
  Json rows = Json::array({
      {{"fromId", ids[0]}, {"toId", ids[1]}, {"type", "contains"}},
      {{"fromId", ids[0]}, {"toId", ids[2]}, {"type", "contains"}, {"metadata", {{"order", 2}}}},
      {{"fromId", ids[0]}, {"toId", ids[1]}, {"type", "contains"}},   // duplicate in batch
      {{"fromId", ids[0]}, {"toId", 99999}, {"type", "contains"}},    // unknown thing
      {{"fromId", ids[0]}, {"toId", foreign}, {"type", "contains"}},  // other group
      {{"fromId", ids[0]}, {"toId", ids[3]}},                         // no type
  });
  Json result = f.Call("batchCreateConnections", {{"groupId", f.group}, {"connections", rows}, {"mode", "partial"}});
  CHECK(result["created"].size() == 2);
  std::vector<std::string> rules;
  for (const Json& e : result["errors"]) rules.push_back(e["code"]);
  CHECK(rules == std::vector<std::string>{"duplicate", "unknown_thing", "other_group", "required"});
  Json again = f.Call("batchCreateConnections", {{"groupId", f.group}, {"connections", {rows[0]}}});
  CHECK(again["errors"][0]["code"] == "duplicate");  // already stored
  CHECK(f.Scalar("SELECT count(*) FROM connections") == 2);
  CHECK(f.Scalar("SELECT sum(count) FROM rollups WHERE type = 'connection_created'") == 2);
  CHECK(f.Call("getGroupQuotas", {{"groupId", f.group}})["quotas"]["connections_total"]["current"] == 2);
}

TEST_CASE("updates track changed fields and skip unchanged things", "[batch][updates]") {
  BatchFixture f;
  std::vector<int64_t> ids = f.Insert(3);
  Json updates = Json::array({
      {{"id", ids[0]}, {"name", "renamed"}, {"properties", {{"price", 5}, {"tag", "new"}}}},
      {{"id", ids[1]}, {"name", "t1"}, {"properties", {{"price", 1}}}},  // same values: unchanged
      {{"id", ids[2]}, {"status", "archived"}, {"properties", {{"price", nullptr}}}},
  });
  Json result = f.Call("batchUpdateThings", {{"groupId", f.group}, {"updates", updates}});
  CHECK(result["updated"] == Json::array({ids[0], ids[2]}));
  CHECK(result["unchanged"] == Json::array({ids[1]}));
  CHECK(f.Scalar("SELECT count(*) FROM events WHERE type = 'thing_updated'") == 2);
  auto stmt = f.engine->db().Prepare("SELECT metadata FROM events WHERE type = 'thing_updated' ORDER BY id");
  REQUIRE(stmt->Step().value());
  Json changes = Json::parse(stmt->ColumnText(0))["changes"];
  CHECK(changes["name"] == Json{{"before", "t0"}, {"after", "renamed"}});
  CHECK(changes["properties.price"] == Json{{"before", 0}, {"after", 5}});
  CHECK(changes["properties.tag"] == Json{{"before", nullptr}, {"after", "new"}});
  Json thing = f.Call("getThing", {{"thingId", ids[2]}});
  CHECK(thing["status"] == "archived");
  CHECK_FALSE(thing["properties"].contains("price"));
}

TEST_CASE("bad updates are reported per row and an atomic batch changes nothing", "[batch][updates]") {
  BatchFixture f;
  std::vector<int64_t> ids = f.Insert(2);
  Json updates = Json::array({
      {{"id", ids[0]}, {"name", "fine"}},
      {{"id", 424242}, {"name", "ghost"}},
      {{"id", ids[1]}, {"name", "   "}},
      {{"id", ids[1]}, {"colour", "red"}},
      {{"name", "no id"}},
  });
  Json result = f.Call("batchUpdateThings", {{"groupId", f.group}, {"updates", updates}});
  CHECK(result["updated"].empty());
  std::vector<std::string> rules;
  for (const Json& e : result["errors"]) rules.push_back(e["code"]);
  CHECK(rules == std::vector<std::string>{"unknown_thing", "required", "unknown_field", "integer"});
  CHECK(f.Call("getThing", {{"thingId", ids[0]}})["name"] == "t0");
}
