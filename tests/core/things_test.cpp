// Groups and things: every validation rule, atomic batches, unknown groups.
#include <optional>
#include <set>

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace edgetally;
using Json = nlohmann::json;

namespace {

std::unique_ptr<Engine> MemoryEngine() { return std::move(Engine::Open(nullptr, "").value()); }

std::string MakeGroup(Engine& engine, const std::string& plan = "pro") {
  auto group = engine.Call("createGroup", {{"name", "Acme"}, {"plan", plan}});
  REQUIRE(group.ok());
  return group.value()["id"];
}

Json FirstError(const Result<Json>& batch) {
  REQUIRE(batch.ok());
  REQUIRE(batch.value()["errors"].size() >= 1);
  return batch.value()["errors"][0];
}

}  // namespace

TEST_CASE("createGroup checks name, plan and id", "[groups][bad-input]") {
  auto engine = MemoryEngine();
  auto ok = engine->Call("createGroup", {{"id", "tenant-1"}, {"name", "  Acme  "}, {"plan", "starter"}});
  REQUIRE(ok.ok());
  CHECK(ok.value()["name"] == "Acme");
  CHECK(ok.value()["id"] == "tenant-1");

  CHECK(engine->Call("createGroup", {{"name", "x"}, {"plan", "gold"}}).status().code() ==
        ErrorCode::UnknownPlan);
  CHECK(engine->Call("createGroup", {{"name", "   "}, {"plan", "pro"}}).status().code() ==
        ErrorCode::InvalidArgument);
  CHECK(engine->Call("createGroup", {{"plan", "pro"}}).status().details()["field"] == "name");
  CHECK(engine->Call("createGroup", {{"id", "../x"}, {"name", "a"}, {"plan", "pro"}})
            .status().details()["rule"] == "id_syntax");
  CHECK(engine->Call("createGroup", {{"id", "tenant-1"}, {"name", "a"}, {"plan", "pro"}})
            .status().code() == ErrorCode::AlreadyExists);
}

TEST_CASE("insertThing stores and reads back a thing", "[things]") {
  auto engine = MemoryEngine();
  std::string group = MakeGroup(*engine);
  auto thing = engine->Call("insertThing", {{"groupId", group}, {"type", "course"},
                                            {"name", "Intro"}, {"properties", {{"price", 12.5}}}});
  REQUIRE(thing.ok());
  auto back = engine->Call("getThing", {{"thingId", thing.value()["id"]}});
  REQUIRE(back.ok());
  CHECK(back.value()["name"] == "Intro");
  CHECK(back.value()["properties"]["price"] == 12.5);
  CHECK(back.value()["status"] == "active");
  CHECK(engine->Call("getThing", {{"thingId", 999}}).status().code() == ErrorCode::NotFound);
}

TEST_CASE("things in an unknown group are refused", "[things][bad-input]") {
  auto engine = MemoryEngine();
  auto r = engine->Call("insertThing", {{"groupId", "nope"}, {"type", "t"}, {"name", "n"}});
  CHECK(r.status().code() == ErrorCode::NotFound);
  CHECK(engine->Call("countThings", {{"groupId", "nope"}}).status().code() == ErrorCode::NotFound);
}

TEST_CASE("each thing rule names its row and field", "[things][bad-input]") {
  auto engine = MemoryEngine();
  std::string group = MakeGroup(*engine);
  auto run = [&](Json row) {
    return engine->Call("batchInsertThings",
                        {{"groupId", group}, {"things", Json::array({{{"type", "a"}, {"name", "ok"}}, row})}});
  };
  Json e = FirstError(run({{"name", "x"}}));
  CHECK(e["index"] == 1);
  CHECK(e["field"] == "type");
  CHECK(FirstError(run({{"type", "a"}, {"name", " \t "}}))["code"] == "required");
  CHECK(FirstError(run({{"type", "a"}, {"name", std::string(257, 'n')}}))["code"] == "max_length");
  CHECK(run({{"type", "a"}, {"name", "  " + std::string(256, 'n') + "  "}}).value()["failed"] == 0);
  CHECK(FirstError(run({{"type", std::string(65, 't')}, {"name", "n"}}))["field"] == "type");
  CHECK(FirstError(run({{"type", "a"}, {"name", "n"}, {"properties", Json::array()}}))["code"] == "object");
  CHECK(FirstError(run({{"type", "a"}, {"name", "n"}, {"properties", {{"b", std::string(70000, 'b')}}}}))["code"] == "max_bytes");
  CHECK(FirstError(run(42))["code"] == "object");
}

TEST_CASE("an atomic batch with one bad row writes nothing", "[things][bad-input]") {
  auto engine = MemoryEngine();
  std::string group = MakeGroup(*engine);
  Json things = Json::array();
  for (int i = 0; i < 100; ++i) things.push_back({{"type", "t"}, {"name", "n" + std::to_string(i)}});
  things[57]["name"] = "";
  auto batch = engine->Call("batchInsertThings", {{"groupId", group}, {"things", things}});
  REQUIRE(batch.ok());
  CHECK(batch.value()["failed"] == 1);
  CHECK(batch.value()["created"].empty());
  CHECK(batch.value()["summary"]["total"] == 100);
  CHECK(engine->Call("countThings", {{"groupId", group}}).value() == 0);

  things[57]["name"] = "fixed";
  batch = engine->Call("batchInsertThings", {{"groupId", group}, {"things", things}});
  CHECK(batch.value()["created"].size() == 100);
  CHECK(batch.value()["summary"]["success"] == 100);
  CHECK(engine->Call("countThings", {{"groupId", group}}).value() == 100);
  CHECK(engine->Call("countThings", {{"groupId", group}, {"type", "other"}}).value() == 0);
}

TEST_CASE("engine refuses unknown operations and bad argument shapes", "[engine][bad-input]") {
  auto engine = MemoryEngine();
  CHECK(engine->Call("dropEverything", Json::object()).status().code() == ErrorCode::UnknownOperation);
  CHECK(engine->Call("createGroup", Json::array()).status().code() == ErrorCode::InvalidArgument);
  CHECK(engine->Call("getThing", {{"thingId", "7"}}).status().details()["rule"] == "integer");
  CHECK(engine->Call("getThing", {{"thingId", 1.5}}).status().details()["rule"] == "integer");
  CHECK(engine->Call("getThing", {{"thingId", -3}}).status().details()["rule"] == "range");
  CHECK(engine->Call("batchInsertThings", {{"groupId", MakeGroup(*engine)}, {"things", "x"}})
            .status().details()["field"] == "things");
}

TEST_CASE("error code table lists every code once, OK first", "[engine]") {
  Json table = ErrorCodeTable();
  REQUIRE(table.size() > 5);
  CHECK(table[0]["code"] == "OK");
  std::set<std::string> seen;
  for (const Json& row : table) CHECK(seen.insert(row["code"].get<std::string>()).second);
  CHECK(ErrorCodeName(ErrorCode::SchemaTooNew) == "SCHEMA_TOO_NEW");
}

TEST_CASE("countThings counts every thing of the group, by type, across inserts, type changes and rejected batches", "[things]") {
  auto engine = MemoryEngine();
  std::string group = MakeGroup(*engine, "enterprise");
  std::string other = MakeGroup(*engine, "enterprise");
  auto count = [&](const std::string& g, std::optional<std::string> type = std::nullopt) {
    Json args = {{"groupId", g}};
    if (type) args["type"] = *type;
    auto counted = engine->Call("countThings", args);
    REQUIRE(counted.ok());
    return counted.value().get<int64_t>();
  };
  CHECK(count(group) == 0);
  Json rows = Json::array();
  for (int i = 0; i < 30; ++i) rows.push_back({{"type", i % 3 == 0 ? "course" : "lesson"}, {"name", "t" + std::to_string(i)}});
  REQUIRE(engine->Call("batchInsertThings", {{"groupId", group}, {"things", rows}}).ok());
  REQUIRE(engine->Call("insertThing", {{"groupId", other}, {"type", "course"}, {"name", "elsewhere"}}).ok());
  CHECK(count(group) == 30);
  CHECK(count(group, "course") == 10);
  CHECK(count(group, "lesson") == 20);
  CHECK(count(group, "quiz") == 0);
  CHECK(count(other) == 1);

  auto first = engine->Call("insertThing", {{"groupId", group}, {"type", "lesson"}, {"name", "moved"}});
  REQUIRE(first.ok());
  REQUIRE(engine->Call("batchUpdateThings", {{"groupId", group}, {"updates", {{{"id", first.value()["id"]}, {"type", "quiz"}}}}}).ok());
  CHECK(count(group) == 31);
  CHECK(count(group, "lesson") == 20);
  CHECK(count(group, "quiz") == 1);

  Json bad = {{{"type", "course"}, {"name", "fine"}}, {{"type", "course"}, {"name", ""}}};  // row 1 fails: atomic
  CHECK(engine->Call("batchInsertThings", {{"groupId", group}, {"things", bad}}).value()["failed"] == 1);
  CHECK(count(group) == 31);
  CHECK(count(group, "course") == 10);
  CHECK(engine->Call("countThings", {{"groupId", "nobody"}}).status().code() == ErrorCode::NotFound);
}
