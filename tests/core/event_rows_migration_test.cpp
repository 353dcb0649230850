// Schema step "event rows" (events clustered by (group_key, ts, id) in event_rows, `events` a
// view with the former columns): a store that schema version 9 wrote upgrades in place with
// every event row as it was (all columns, NULLs and metadata text included), its activity in
// the same order (ties on ts by id), its quota age and archival reading the moved rows, new ids
// continuing after the old ones, and `events` still writable through the view for SQL users.
#include "archive_support.h"
#include "old_store.h"
#include "test_support.h"

namespace edgetally {
namespace {

using Json = nlohmann::json;

std::vector<std::string> Rows(Engine& engine, const std::string& sql) {
  auto stmt = engine.db().Prepare(sql);
  REQUIRE(stmt.ok());
  std::vector<std::string> rows;
  while (stmt->Step().value()) rows.push_back(stmt->ColumnText(0));
  return rows;
}

Json Call(Engine& engine, const std::string& op, const Json& args) {
  auto result = engine.Call(op, args);
  INFO(op << " -> " << result.status().ToString());
  REQUIRE(result.ok());
  return result.value();
}

constexpr const char* kAllColumns =
    "SELECT json_array(id, group_id, type, actor_id, target_id, ts, metadata, amount, currency) FROM events ORDER BY id";

TEST_CASE("a schema-9 store upgrades to clustered event rows with every event, activity and id as before", "[migration]") {
  test::TempDir dir;
  std::string path = dir.File("v9.sqlite3");
  const int64_t old_ts = test::kNow - 500 * test::kDay, t = old_ts + 5 * test::kDay;
  auto ts = [](int64_t v) { return std::to_string(v); };
  std::string rows =
      "INSERT INTO groups (id, name, plan, created_at, updated_at) VALUES ('ga', 'A', 'enterprise', 1, 1), "
      "('gb', 'B', 'enterprise', 1, 1), ('gc', 'C', 'enterprise', 1, 1);"
      "INSERT INTO things (id, group_id, type, name, created_at, updated_at) VALUES (1, 'ga', 'user', 'u', 1, 1), "
      "(2, 'ga', 'course', 'c', 1, 1), (3, 'gb', 'course', 'd', 1, 1);"
      "INSERT INTO events (id, group_id, type, actor_id, target_id, ts, metadata, amount, currency) VALUES "
      "(1, 'ga', 'view', 1, 2, " + ts(old_ts) + ", '{}', NULL, NULL), "
      "(2, 'gb', 'like', NULL, 3, " + ts(old_ts) + ", '{\"k\":\"v\"}', NULL, NULL), "
      "(4, 'ga', 'payment', 1, 2, " + ts(t) + ", '{}', 1999, 'USD'), "
      "(5, 'ga', 'comment', 1, 2, " + ts(t) + ", '{\"n\":1}', NULL, NULL), "
      "(6, 'ga', 'view', NULL, NULL, " + ts(t - 1) + ", '{}', NULL, NULL), "
      "(9, 'gb', 'view', NULL, 3, " + ts(test::kNow - test::kDay) + ", '{}', NULL, NULL);"
      "INSERT INTO event_ids (id, last) VALUES (1, 9) ON CONFLICT DO UPDATE SET last = 9;";
  test::WriteOldStore(path, 9, rows);
  const std::vector<std::string> before = {
      "[1,\"ga\",\"view\",1,2," + ts(old_ts) + ",\"{}\",null,null]",
      "[2,\"gb\",\"like\",null,3," + ts(old_ts) + ",\"{\\\"k\\\":\\\"v\\\"}\",null,null]",
      "[4,\"ga\",\"payment\",1,2," + ts(t) + ",\"{}\",1999,\"USD\"]",
      "[5,\"ga\",\"comment\",1,2," + ts(t) + ",\"{\\\"n\\\":1}\",null,null]",
      "[6,\"ga\",\"view\",null,null," + ts(t - 1) + ",\"{}\",null,null]",
      "[9,\"gb\",\"view\",null,3," + ts(test::kNow - test::kDay) + ",\"{}\",null,null]"};

  ET_REQUIRE_OPEN(engine, path);
  engine->SetClockForTesting([] { return test::kNow; });
  CHECK(ReadSchemaVersion(engine->db()).value() == LatestSchemaVersion());
  CHECK(Rows(*engine, kAllColumns) == before);
  CHECK(Rows(*engine, "SELECT type FROM sqlite_schema WHERE name = 'events'") == std::vector<std::string>{"view"});

  Json activity = Call(*engine, "getThingActivity", {{"thingId", 2}, {"limit", 2}});
  REQUIRE(activity["items"].size() == 2);  // the tie on ts t: the higher id first
  CHECK(activity["items"][0]["id"] == 5);
  CHECK(activity["items"][1]["id"] == 4);
  activity = Call(*engine, "getThingActivity", {{"thingId", 2}, {"cursor", activity["nextCursor"]}, {"limit", 5}});
  REQUIRE(activity["items"].size() == 2);
  CHECK(activity["items"][0]["id"] == 1);
  CHECK(activity["items"][1]["type"] == "created");

  Json logged = Call(*engine, "logEvents", {{"groupId", "gc"}, {"events", {{{"type", "view"}, {"ts", old_ts}}}}});
  CHECK(logged["logged"] == Json::array({10}));
  Json chunks = test::ArchiveAll(*engine, {{"groupId", "ga"}, {"daysCutoff", 365}});
  REQUIRE(chunks.size() == 1);
  CHECK(chunks[0]["events"] == 4);
  CHECK(Rows(*engine, "SELECT id FROM events ORDER BY id") == std::vector<std::string>{"2", "9", "10"});

  // SQL users still write `events`: the view's triggers keep event_rows and the id mark.
  REQUIRE(engine->db().Exec("INSERT INTO events (id, group_id, type, ts) VALUES (20, 'gb', 'share', " + ts(t) + ")").ok());
  REQUIRE(engine->db().Exec("UPDATE events SET type = 'follow' WHERE id = 20").ok());
  CHECK(Rows(*engine, "SELECT type FROM events WHERE id = 20") == std::vector<std::string>{"follow"});
  REQUIRE(engine->db().Exec("DELETE FROM events WHERE group_id = 'gb' AND ts < " + ts(test::kNow - 2 * test::kDay)).ok());
  CHECK(Rows(*engine, "SELECT id FROM events ORDER BY id") == std::vector<std::string>{"9", "10"});
  CHECK(Call(*engine, "logEvents", {{"groupId", "ga"}, {"events", {{{"type", "view"}}}}})["logged"] == Json::array({21}));
  // an insert without an id takes the next one, and its target row goes with it
  REQUIRE(engine->db().Exec("INSERT INTO events (group_id, type, target_id, ts) VALUES ('ga', 'like', 2, " + ts(test::kNow) + ")").ok());
  CHECK(Rows(*engine, "SELECT id FROM events WHERE type = 'like'") == std::vector<std::string>{"22"});
  CHECK(Call(*engine, "getThingActivity", {{"thingId", 2}, {"limit", 1}})["items"][0]["id"] == 22);
}

}  // namespace
}  // namespace edgetally
