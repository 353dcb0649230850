// Store operations: groups, things, info. The JSON edge of model/groups and model/things.
#include "api/store_ops.h"

#include "api/arg_scan.h"
#include "api/group_scope.h"
#include "api/thing_writes.h"
#include "common/args.h"
#include "engine/engine.h"
#include "model/groups.h"
#include "model/thing_scan.h"
#include "model/things.h"
#include "store/statement.h"

namespace edgetally {

Result<nlohmann::json> OpInfo(Engine& engine, const nlohmann::json&) { return engine.Info(); }

Result<nlohmann::json> OpCheckIntegrity(Engine& engine, const nlohmann::json&) {
  Status pages = engine.VerifyPages();  // every page's checksum, then SQLite's own check
  if (pages.code() == ErrorCode::CorruptDatabase) {
    return nlohmann::json{{"ok", false}, {"problems", {pages.message()}}};
  }
  ET_RETURN_IF_ERROR(pages);
  ET_ASSIGN_OR_RETURN(Statement check, engine.db().Prepare("PRAGMA integrity_check"));
  nlohmann::json problems = nlohmann::json::array();
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, check.Step());
    if (!row) break;
    if (check.ColumnText(0) != "ok") problems.push_back(check.ColumnText(0));
  }
  return nlohmann::json{{"ok", problems.empty()}, {"problems", problems}};
}

Result<nlohmann::json> OpCreateGroup(Engine& engine, const nlohmann::json& args) {
  NewGroup input;
  ET_ASSIGN_OR_RETURN(input.id, OptionalString(args, "id"));
  ET_ASSIGN_OR_RETURN(input.name, RequireString(args, "name"));
  ET_ASSIGN_OR_RETURN(input.plan, RequireString(args, "plan"));
  ET_ASSIGN_OR_RETURN(input.anchor, ParseAnchor(args));
  input.overrides = args.value("overrides", nlohmann::json::object());
  ET_ASSIGN_OR_RETURN(const QuotaConfig* config, engine.quota_config());
  ET_ASSIGN_OR_RETURN(Group group, CreateGroup(engine.db(), config->catalogue, input));
  return group.ToJson();
}

Result<nlohmann::json> OpGetGroup(Engine& engine, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(std::string id, RequireString(args, "groupId"));
  ET_ASSIGN_OR_RETURN(Group group, GetGroup(engine.db(), id));
  return group.ToJson();
}

Result<nlohmann::json> OpInsertThing(Engine& engine, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(engine, args));
  ET_ASSIGN_OR_RETURN(NewThing thing, CheckThing(args, "groupId"));
  CheckedThings rows{{{0, std::move(thing)}}, {}, 1};
  ET_ASSIGN_OR_RETURN(BatchInsertResult result, WriteThings(engine, scope, std::move(rows), {}));
  if (!result.errors.empty()) {  // a rule of the store's: one row, so report it as the error
    const RowError& e = result.errors[0];
    return Status(ErrorCode::InvalidArgument, e.message, {{"field", e.field}, {"rule", e.rule}});
  }
  ET_ASSIGN_OR_RETURN(Thing stored, GetThing(engine.db(), result.created.at(0)));
  return stored.ToJson();
}

Result<nlohmann::json> OpBatchInsertThings(Engine& engine, std::string_view args_json) {
  CheckedThings things;
  auto read_things = [&](JsonScanner& scanner) {
    if (scanner.Peek() != JsonScanner::Kind::Array) {
      scanner.SkipValue();
      return InvalidField("things", "array", "things must be an array");
    }
    return ScanThingArray(scanner, &things) ? Status::Ok() : SyntaxError(scanner, "things");
  };
  nlohmann::json rest;
  ET_RETURN_IF_ERROR(ScanArgs(args_json, "things", read_things, &rest));
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(engine, rest));
  ET_ASSIGN_OR_RETURN(BatchOptions options, ParseBatchOptions(rest));
  ET_ASSIGN_OR_RETURN(BatchInsertResult result, WriteThings(engine, scope, std::move(things), options));
  int64_t failed = static_cast<int64_t>(result.errors.size());
  return nlohmann::json(BatchResultText("created", result.created, result.errors, result.total, failed));
}

Result<nlohmann::json> OpSetValidationRules(Engine& engine, const nlohmann::json& args) {
  auto rules_json = args.find("rules");
  if (rules_json == args.end()) return InvalidField("rules", "required", "rules is required");
  ET_ASSIGN_OR_RETURN(ValidationRules rules, ParseValidationRules(*rules_json));
  ET_RETURN_IF_ERROR(SaveValidationRules(engine.db(), rules));
  engine.InvalidateValidationRules();
  return rules.ToJson();
}

Result<nlohmann::json> OpGetValidationRules(Engine& engine, const nlohmann::json&) {
  ET_ASSIGN_OR_RETURN(const ValidationRules* rules, engine.validation_rules());
  return rules->ToJson();
}

Result<nlohmann::json> OpGetThing(Engine& engine, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(int64_t id, RequireInt(args, "thingId", 1, INT64_MAX));
  ET_ASSIGN_OR_RETURN(Thing thing, GetThing(engine.db(), id));
  return thing.ToJson();
}

Result<nlohmann::json> OpCountThings(Engine& engine, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(std::string group_id, RequireString(args, "groupId"));
  ET_ASSIGN_OR_RETURN(std::optional<std::string> type, OptionalString(args, "type"));
  ET_ASSIGN_OR_RETURN(int64_t count, CountThings(engine.db(), group_id, type));
  return nlohmann::json(count);
}

}  // namespace edgetally
