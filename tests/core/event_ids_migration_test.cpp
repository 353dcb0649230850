// Schema step "event ids" (the high-water mark of event ids, model/events.h ReserveEventIds): a
// store that schema version 8 wrote upgrades in place with the mark at its largest event id,
// so its next events continue after it, and once all of them are archived the ids after that
// are still new. A store without events starts at 1.
#include "archive_support.h"
#include "old_store.h"
#include "test_support.h"

namespace edgetally {
namespace {

using Json = nlohmann::json;

int64_t Scalar(Engine& engine, const std::string& sql) {
  auto stmt = engine.db().Prepare(sql);
  REQUIRE(stmt.ok());
  return stmt->ReadInt().value();
}

Json Logged(Engine& engine, const std::string& group, const Json& events) {
  auto result = engine.Call("logEvents", {{"groupId", group}, {"events", events}});
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  return result.value()["logged"];
}

TEST_CASE("a schema-8 store upgrades to the event id mark and never hands an id out twice", "[migration]") {
  test::TempDir dir;
  std::string path = dir.File("v8.sqlite3");
  const int64_t old_ts = test::kNow - 500 * test::kDay;
  std::string rows = "INSERT INTO groups (id, name, plan, created_at, updated_at) VALUES ('ga', 'A', 'enterprise', 1, 1);"
                     "INSERT INTO events (id, group_id, type, ts) VALUES (3, 'ga', 'view', " + std::to_string(old_ts) +
                     "), (7, 'ga', 'like', " + std::to_string(old_ts + 1) + ");";
  test::WriteOldStore(path, 8, rows);
  ET_REQUIRE_OPEN(engine, path);
  engine->SetClockForTesting([] { return test::kNow; });
  CHECK(ReadSchemaVersion(engine->db()).value() == LatestSchemaVersion());
  CHECK(Scalar(*engine, "SELECT last FROM event_ids") == 7);

  Json first = Logged(*engine, "ga", {{{"type", "view"}, {"ts", old_ts + 2}}});
  CHECK(first == Json::array({8}));
  Json chunks = test::ArchiveAll(*engine, {{"groupId", "ga"}, {"daysCutoff", 365}});
  REQUIRE(chunks.size() == 1);
  CHECK(chunks[0]["events"] == 3);  // every one, the newest (8) included
  CHECK(Scalar(*engine, "SELECT count(*) FROM events") == 0);
  CHECK(Logged(*engine, "ga", {{{"type", "view"}}, {{"type", "like"}}}) == Json::array({9, 10}));
}

TEST_CASE("a schema-8 store without events starts its ids at 1", "[migration]") {
  test::TempDir dir;
  std::string path = dir.File("v8-empty.sqlite3");
  test::WriteOldStore(path, 8, "INSERT INTO groups (id, name, plan, created_at, updated_at) VALUES ('ga', 'A', 'enterprise', 1, 1);");
  ET_REQUIRE_OPEN(engine, path);
  engine->SetClockForTesting([] { return test::kNow; });
  CHECK(Scalar(*engine, "SELECT last FROM event_ids") == 0);
  CHECK(Logged(*engine, "ga", {{{"type", "view"}}}) == Json::array({1}));
}

}  // namespace
}  // namespace edgetally
