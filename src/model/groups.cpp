// Groups: create, read, change plan.
#include "model/groups.h"

#include "common/args.h"
#include "model/text_rules.h"
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

}  // namespace

Result<Group> CreateGroup(Database& db, const NewGroup& input, int64_t now) {
  Group group;
  ET_ASSIGN_OR_RETURN(group.name, CleanName(input.name, "name"));
  group.overrides = input.overrides;
  group.plan = input.plan;
  group.anchor = input.anchor;
  if (input.id) {
    ET_RETURN_IF_ERROR(CheckId(*input.id, "id"));
    group.id = *input.id;
  } else {
    ET_ASSIGN_OR_RETURN(group.id, NewGroupId(db));
  }
  group.created_at = now;
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
  std::string overrides = stmt->ColumnText(3);  // "{}" for most groups: no parse for it
  Group group{stmt->ColumnText(0), stmt->ColumnText(1), stmt->ColumnText(2),
              overrides == "{}" ? nlohmann::json::object() : nlohmann::json::parse(overrides, nullptr, false),
              Anchor{static_cast<int>(stmt->ColumnInt(4)), static_cast<int>(stmt->ColumnInt(5))},
              stmt->ColumnInt(6)};
  stmt->Reset();
  return group;
}

Result<Group> SetGroupPlan(Database& db, const std::string& id, const std::string& plan,
                           const nlohmann::json& overrides, int64_t now) {
  ET_RETURN_IF_ERROR(GetGroup(db, id).status());
  ET_ASSIGN_OR_RETURN(Statement update, db.Prepare(
      "UPDATE groups SET plan = ?2, plan_overrides = ?3, updated_at = ?4 WHERE id = ?1"));
  update.Bind(1, id).Bind(2, plan).Bind(3, overrides.dump()).Bind(4, now);
  ET_RETURN_IF_ERROR(update.Run());
  return GetGroup(db, id);
}

}  // namespace edgetally
