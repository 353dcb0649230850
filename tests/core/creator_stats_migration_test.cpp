// Schema step 8 (the (actor_id, day) index creator stats read activeDays30 from): a store that
// schema version 7 wrote upgrades in place, and its creators' activeDays30 counts the same days
// the per-day seeks counted: every day after since's day up to tomorrow, and since's own day
// only when the actor's latest event that day is at or after since.
#include "old_store.h"
#include "test_support.h"

namespace edgetally {
namespace {

constexpr int64_t kDay = 86400000;

TEST_CASE("a schema-7 store upgrades to the actor-days index and reads the same active days", "[migration]") {
  test::TempDir dir;
  std::string path = dir.File("v7.sqlite3");
  const int64_t today = 20400;  // a UTC day number (2025-11-07)
  const int64_t now = today * kDay + 12 * 3600000;  // noon: since = 30 days before, at noon
  const int64_t since_day = today - 30;
  std::string rows = R"sql(
      INSERT INTO groups (id, name, plan, created_at, updated_at) VALUES ('ga', 'A', 'enterprise', 1, 1);
      INSERT INTO things (id, group_id, type, name, created_at, updated_at) VALUES
        (1, 'ga', 'user', 'early', 1, 1), (2, 'ga', 'user', 'late', 1, 1), (3, 'ga', 'user', 'idle', 1, 1);
      INSERT INTO actor_days_recent (day, actor_id, last_ts) VALUES )sql";
  auto row = [&](int64_t day, int actor, int64_t ms_into_day) {
    return "(" + std::to_string(day) + ", " + std::to_string(actor) + ", " + std::to_string(day * kDay + ms_into_day) + ")";
  };
  // actor 1: since's day before noon (out), a day before that (out), three days inside, tomorrow
  // actor 2: since's day after noon (in), today
  rows += row(since_day - 1, 1, 0) + ", " + row(since_day, 1, 6 * 3600000) + ", " + row(since_day + 1, 1, 0) + ", " +
          row(today - 10, 1, 0) + ", " + row(today, 1, 1000) + ", " + row(today + 1, 1, 0) + ", " +
          row(since_day, 2, 18 * 3600000) + ", " + row(today, 2, 0) + ";";
  rows += "INSERT INTO actor_last (actor_id, group_id, last_ts) VALUES (1, 'ga', " + std::to_string((today + 1) * kDay) +
          "), (2, 'ga', " + std::to_string(today * kDay) + ");";
  test::WriteOldStore(path, 7, rows);
  ET_REQUIRE_OPEN(engine, path);
  CHECK(ReadSchemaVersion(engine->db()).value() == LatestSchemaVersion());
  auto index = engine->db().Prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'actor_days_recent_by_actor'");
  REQUIRE(index.ok());
  REQUIRE(index->Step().ok());
  CHECK(index->ColumnInt(0) == 1);
  engine->SetClockForTesting([now] { return now; });
  auto stats = [&](int id) {
    auto result = engine->Call("getCreatorStats", {{"creatorId", id}});
    INFO(result.status().ToString());
    REQUIRE(result.ok());
    return result.value()["_computed"];
  };
  CHECK(stats(1)["activeDays30"] == 4);
  CHECK(stats(1)["lastActive"] == (today + 1) * kDay);
  CHECK(stats(2)["activeDays30"] == 2);
  CHECK(stats(3)["activeDays30"] == 0);
  CHECK(stats(3)["lastActive"].is_null());
}

}  // namespace
}  // namespace edgetally
