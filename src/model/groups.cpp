// Groups: create, read, change plan.
#include "model/groups.h"

#include "common/args.h"
#include "common/clock.h"
#include "model/text_rules.h"
#include "quota/plan_catalogue.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {

constexpr const char* kSelectGroup =
    "SELECT id, name, plan, plan_overrides, anchor_day, anchor_month, created_at "
    "FROM groups WHERE id = ?1";

Result<std::string> NewGroupId(Database& db) {
  ET_ASSIGN_OR_RETURN(Statement stmt, db.Prepare("SELECT 'g_' || lower(hex(randomblob(8)))"));
  ET_RETURN_IF_ERROR(stmt.Step().status());
  return stmt.ColumnText(0);
}

Status CheckPlan(const PlanCatalogue& plans, const std::string& plan) {
  if (plans.Find(plan)) return Status::Ok();
  nlohmann::json known = nlohmann::json::array();
  for (const Plan& p : plans.plans()) known.push_back(p.id);
  return Status(ErrorCode::UnknownPlan, "unknown plan '" + plan + "'",
                {{"field", "plan"}, {"rule", "plan"}, {"plan", plan}, {"allowed", known}});
}

}  // namespace

nlohmann::json Group::ToJson() const {
  return {{"id", id},
          {"name", name},
          {"plan", plan},
          {"overrides", overrides},
          {"billingAnchor", {{"day", anchor.day}, {"month", anchor.month}}},
          {"createdAt", created_at}};
}

Result<Anchor> ParseAnchor(const nlohmann::json& args) {
  Anchor anchor;
  auto it = args.find("billingAnchor");
  if (it == args.end() || it->is_null()) return anchor;
  if (!it->is_object()) {
    return InvalidField("billingAnchor", "object", "billingAnchor must be {day, month?}");
  }
  ET_ASSIGN_OR_RETURN(int64_t day, RequireInt(*it, "day", 1, 31));
  anchor.day = static_cast<int>(day);
  if (it->contains("month")) {
    ET_ASSIGN_OR_RETURN(int64_t month, RequireInt(*it, "month", 1, 12));
    anchor.month = static_cast<int>(month);
  }
  return anchor;
}

Result<Group> CreateGroup(Database& db, const PlanCatalogue& plans, const NewGroup& input) {
  Group group;
  ET_ASSIGN_OR_RETURN(group.name, CleanName(input.name, "name"));
  ET_RETURN_IF_ERROR(CheckPlan(plans, input.plan));
  ET_ASSIGN_OR_RETURN(group.overrides, CheckOverrides(input.overrides));
  group.plan = input.plan;
  group.anchor = input.anchor;
  if (input.id) {
    ET_RETURN_IF_ERROR(CheckId(*input.id, "id"));
    group.id = *input.id;
  } else {
    ET_ASSIGN_OR_RETURN(group.id, NewGroupId(db));
  }
  group.created_at = NowMs();
  ET_ASSIGN_OR_RETURN(Statement insert, db.Prepare(
      "INSERT INTO groups (id, name, plan, plan_overrides, anchor_day, anchor_month, created_at, "
      "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"));
  insert.Bind(1, group.id).Bind(2, group.name).Bind(3, group.plan).Bind(4, group.overrides.dump());
  insert.Bind(5, int64_t{group.anchor.day}).Bind(6, int64_t{group.anchor.month}).Bind(7, group.created_at);
  Status inserted = insert.Run();
  if (inserted.code() == ErrorCode::AlreadyExists) {
    return Status(ErrorCode::AlreadyExists, "a group with id '" + group.id + "' already exists",
                  {{"field", "id"}, {"id", group.id}});
  }
  ET_RETURN_IF_ERROR(inserted);
  return group;
}

Result<Group> GetGroup(Database& db, const std::string& id) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(kSelectGroup));
  stmt->Bind(1, id);
  ET_ASSIGN_OR_RETURN(bool found, stmt->Step());
  if (!found) {
    return Status(ErrorCode::NotFound, "no group with id '" + id + "'",
                  {{"field", "groupId"}, {"groupId", id}});
  }
  Group group{stmt->ColumnText(0), stmt->ColumnText(1), stmt->ColumnText(2),
              nlohmann::json::parse(stmt->ColumnText(3), nullptr, false),
              Anchor{static_cast<int>(stmt->ColumnInt(4)), static_cast<int>(stmt->ColumnInt(5))},
              stmt->ColumnInt(6)};
  stmt->Reset();
  return group;
}

Result<Group> SetGroupPlan(Database& db, const PlanCatalogue& plans, const std::string& id,
                           const std::string& plan, const nlohmann::json& overrides) {
  ET_RETURN_IF_ERROR(GetGroup(db, id).status());
  ET_RETURN_IF_ERROR(CheckPlan(plans, plan));
  ET_ASSIGN_OR_RETURN(nlohmann::json checked, CheckOverrides(overrides));
  ET_ASSIGN_OR_RETURN(Statement update, db.Prepare(
      "UPDATE groups SET plan = ?2, plan_overrides = ?3, updated_at = ?4 WHERE id = ?1"));
  update.Bind(1, id).Bind(2, plan).Bind(3, checked.dump()).Bind(4, NowMs());
  ET_RETURN_IF_ERROR(update.Run());
  return GetGroup(db, id);
}

}  // namespace edgetally
