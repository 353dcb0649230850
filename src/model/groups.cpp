// Groups: create and read.
#include "model/groups.h"

#include <sqlite3.h>

#include "common/clock.h"
#include "model/text_rules.h"
#include "quota/plan_catalogue.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {

Result<std::string> NewGroupId(Database& db) {
  ET_ASSIGN_OR_RETURN(Statement stmt, db.Prepare("SELECT 'g_' || lower(hex(randomblob(8)))"));
  ET_RETURN_IF_ERROR(stmt.Step().status());
  return stmt.ColumnText(0);
}

}  // namespace

Result<Group> CreateGroup(Database& db, const NewGroup& input) {
  Group group;
  ET_ASSIGN_OR_RETURN(group.name, CleanName(input.name, "name"));
  if (!FindBuiltInPlan(input.plan)) {
    return Status(ErrorCode::UnknownPlan, "unknown plan '" + input.plan + "'",
                  {{"field", "plan"}, {"plan", input.plan}});
  }
  group.plan = input.plan;
  if (input.id) {
    ET_RETURN_IF_ERROR(CheckId(*input.id, "id"));
    group.id = *input.id;
  } else {
    ET_ASSIGN_OR_RETURN(group.id, NewGroupId(db));
  }
  group.created_at = NowMs();
  ET_ASSIGN_OR_RETURN(Statement insert,
                      db.Prepare("INSERT INTO groups (id, name, plan, created_at, updated_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?4)"));
  insert.Bind(1, group.id).Bind(2, group.name).Bind(3, group.plan).Bind(4, group.created_at);
  Status inserted = insert.Run();
  if (inserted.code() == ErrorCode::AlreadyExists) {
    return Status(ErrorCode::AlreadyExists, "a group with id '" + group.id + "' already exists",
                  {{"field", "id"}, {"id", group.id}});
  }
  ET_RETURN_IF_ERROR(inserted);
  return group;
}

Result<Group> GetGroup(Database& db, const std::string& id) {
  ET_ASSIGN_OR_RETURN(Statement stmt,
                      db.Prepare("SELECT id, name, plan, created_at FROM groups WHERE id = ?1"));
  stmt.Bind(1, id);
  ET_ASSIGN_OR_RETURN(bool found, stmt.Step());
  if (!found) {
    return Status(ErrorCode::NotFound, "no group with id '" + id + "'", {{"groupId", id}});
  }
  return Group{stmt.ColumnText(0), stmt.ColumnText(1), stmt.ColumnText(2), stmt.ColumnInt(3)};
}

}  // namespace edgetally
