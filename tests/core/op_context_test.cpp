// OpContext and UnitOfWork (api/op_context.h, api/unit_of_work.h): config snapshots outlive a
// change, a unit that fails or is dropped leaves nothing behind, and events leave only after
// the commit.
#include "api/op_context.h"
#include "api/unit_of_work.h"
#include "store/statement.h"
#include "test_support.h"

using edgetally::Engine;
using edgetally::OpContext;
using edgetally::Status;
using edgetally::UnitEffects;
using Json = nlohmann::json;

namespace {

int64_t CountRows(edgetally::Database& db, const char* table) {
  auto stmt = db.Prepare(std::string("SELECT count(*) FROM ") + table).value();
  REQUIRE(stmt.Step().value());
  return stmt.ColumnInt(0);
}

}  // namespace

TEST_CASE("a config snapshot stays valid after the config changes; later reads see the change", "[context]") {
  auto engine = Engine::Open(nullptr, "").value();
  OpContext ctx(engine->db());
  auto before = ctx.quota_config().value();
  size_t plans = before->catalogue.plans().size();
  Json plan = {{"id", "team"}, {"name", "Team"}, {"priceCents", 1000},
               {"limits", {{"users", 1}, {"storage_gb", 1}, {"api_calls_per_month", 1}, {"entities_total", 1},
                           {"connections_total", 1}, {"events_retention_days", 1}}}};
  REQUIRE(engine->Call("definePlans", {{"plans", {plan}}}).ok());
  // The engine's own context moved on; this one still holds its snapshot until told.
  CHECK(ctx.quota_config().value() == before);
  uint64_t generation = ctx.config_generation();
  ctx.ConfigChanged();
  CHECK(ctx.config_generation() == generation + 1);
  auto after = ctx.quota_config().value();
  CHECK(after != before);
  CHECK(after->catalogue.plans().size() == plans + 1);
  CHECK(before->catalogue.plans().size() == plans);  // the old snapshot is intact, not dangling
}

TEST_CASE("a unit of work whose change fails writes nothing and raises no event", "[context][unit]") {
  auto engine = Engine::Open(nullptr, "").value();
  OpContext ctx(engine->db());
  Status failed = edgetally::WriteUnit(ctx, UnitEffects{.config = true}, [&] {
    Status wrote = engine->db().Exec("INSERT INTO plans (id, definition) VALUES ('x', '{}')");
    REQUIRE(wrote.ok());
    return Status(edgetally::ErrorCode::InvalidArgument, "the change fails after writing");
  });
  CHECK(!failed.ok());
  CHECK(CountRows(engine->db(), "plans") == 0);
  CHECK(ctx.config_generation() == 0);
  CHECK(ctx.TakeNotifications().empty());
  {
    edgetally::UnitOfWork dropped(ctx);
    REQUIRE(dropped.status().ok());
    REQUIRE(engine->db().Exec("INSERT INTO plans (id, definition) VALUES ('y', '{}')").ok());
  }  // destroyed without Commit: rolled back
  CHECK(CountRows(engine->db(), "plans") == 0);
  Status ok = edgetally::WriteUnit(ctx, UnitEffects{.config = true}, [&] {
    return engine->db().Exec("INSERT INTO plans (id, definition) VALUES ('z', '{}')");
  });
  CHECK(ok.ok());
  CHECK(CountRows(engine->db(), "plans") == 1);
  CHECK(ctx.config_generation() == 1);
}

TEST_CASE("setGroupPlan moves the plan and raises its alerts in one unit", "[context][unit]") {
  edgetally::test::EngineFixture f("pro");
  for (int i = 0; i < 5; ++i) {
    f.Call("recordUsage", {{"groupId", f.group}, {"metric", "users"}, {"amount", 1}});
  }
  f.engine->TakeNotifications();
  // Pro allows 50 users; Starter 5: the move puts users at 100% (exceeded needs more than the limit).
  Json group = f.Call("setGroupPlan", {{"groupId", f.group}, {"plan", "starter"}});
  CHECK(group["plan"] == "starter");
  std::vector<Json> events = f.engine->TakeNotifications();
  REQUIRE(!events.empty());
  CHECK(events[0]["metric"] == "users");
  // A plan change that fails (unknown override metric) changes nothing and says nothing.
  auto failed = f.engine->Call("setGroupPlan", {{"groupId", f.group}, {"plan", "pro"}, {"overrides", {{"bandwidth", 1}}}});
  CHECK(!failed.ok());
  CHECK(f.Call("getGroup", {{"groupId", f.group}})["plan"] == "starter");
  CHECK(f.engine->TakeNotifications().empty());
}

TEST_CASE("a kept group is read afresh after any commit and inside a transaction", "[context]") {
  auto engine = Engine::Open(nullptr, "").value();
  OpContext ctx(engine->db());
  std::string id = engine->Call("createGroup", {{"name", "Kept"}, {"plan", "starter"}}).value()["id"];
  CHECK(ctx.group(id).value().name == "Kept");
  // a write that no operation made (raw SQL, autocommit): its commit alone makes the read fresh
  REQUIRE(engine->db().Exec("UPDATE groups SET name = 'Renamed' WHERE id = '" + id + "'").ok());
  CHECK(ctx.group(id).value().name == "Renamed");
  // inside a transaction the uncommitted change is seen; after its rollback, the committed row
  REQUIRE(engine->db().Exec("BEGIN").ok());
  REQUIRE(engine->db().Exec("UPDATE groups SET plan = 'pro' WHERE id = '" + id + "'").ok());
  CHECK(ctx.group(id).value().plan == "pro");
  REQUIRE(engine->db().Exec("ROLLBACK").ok());
  CHECK(ctx.group(id).value().plan == "starter");
  CHECK(ctx.group("g_missing").status().code() == edgetally::ErrorCode::NotFound);
}
