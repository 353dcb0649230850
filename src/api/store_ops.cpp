// Store operations: groups, things, info. The JSON edge of model/groups and model/things.
#include "api/store_ops.h"

#include <sqlite3.h>

#include "api/arg_scan.h"
#include "api/batch_result.h"
#include "api/entity_json.h"
#include "api/group_scope.h"
#include "api/thing_writes.h"
#include "api/unit_of_work.h"
#include "common/args.h"
#include "api/op_context.h"
#include "model/groups.h"
#include "model/thing_scan.h"
#include "model/things.h"
#include "quota/plan_catalogue.h"
#include "store/meta.h"
#include "store/migrations.h"
#include "store/statement.h"

namespace edgetally {

Result<nlohmann::json> StoreInfo(Database& db) {
  ET_ASSIGN_OR_RETURN(std::optional<std::string> device_id, ReadMeta(db, "device_id"));
  ET_ASSIGN_OR_RETURN(int version, ReadSchemaVersion(db));
  return nlohmann::json{{"deviceId", device_id.value_or("")},
                        {"schemaVersion", version},
                        {"sqliteVersion", sqlite3_libversion()}};
}

Result<nlohmann::json> OpInfo(OpContext& ctx, const nlohmann::json&) { return StoreInfo(ctx.db()); }

Result<nlohmann::json> OpCheckIntegrity(OpContext& ctx, const nlohmann::json&) {
  Status pages = ctx.VerifyPages();  // every page's checksum, then SQLite's own check
  if (pages.code() == ErrorCode::CorruptDatabase) {
    return nlohmann::json{{"ok", false}, {"problems", {pages.message()}}};
  }
  ET_RETURN_IF_ERROR(pages);
  ET_ASSIGN_OR_RETURN(Statement check, ctx.db().Prepare("PRAGMA integrity_check"));
  nlohmann::json problems = nlohmann::json::array();
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, check.Step());
    if (!row) break;
    if (check.ColumnText(0) != "ok") problems.push_back(check.ColumnText(0));
  }
  return nlohmann::json{{"ok", problems.empty()}, {"problems", problems}};
}

namespace {

// Reads the optional billing anchor {day, month?} (declared below: both integers in range).
Result<Anchor> ParseAnchor(const nlohmann::json& args) {
  Anchor anchor;
  auto it = args.find("billingAnchor");
  if (it == args.end() || it->is_null()) return anchor;
  anchor.day = static_cast<int>(it->at("day").get<int64_t>());
  if (it->contains("month") && !it->at("month").is_null()) anchor.month = static_cast<int>(it->at("month").get<int64_t>());
  return anchor;
}

}  // namespace

Result<nlohmann::json> OpCreateGroup(OpContext& ctx, const nlohmann::json& args) {
  NewGroup input;
  ET_ASSIGN_OR_RETURN(input.id, OptionalString(args, "id"));
  ET_ASSIGN_OR_RETURN(input.name, RequireString(args, "name"));
  ET_ASSIGN_OR_RETURN(input.plan, RequireString(args, "plan"));
  ET_ASSIGN_OR_RETURN(input.anchor, ParseAnchor(args));
  ET_ASSIGN_OR_RETURN(QuotaConfigSnapshot config, ctx.quota_config());
  ET_RETURN_IF_ERROR(CheckPlanId(config->catalogue, input.plan));
  ET_ASSIGN_OR_RETURN(input.overrides, CheckOverrides(args.value("overrides", nlohmann::json::object())));
  ET_ASSIGN_OR_RETURN(Group group, WriteUnit(ctx, {}, [&] { return CreateGroup(ctx.db(), input, ctx.Now()); }));
  return GroupJson(group);
}

Result<nlohmann::json> OpGetGroup(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(std::string id, RequireString(args, "groupId"));
  ET_ASSIGN_OR_RETURN(Group group, GetGroup(ctx.db(), id));
  return GroupJson(group);
}

Result<nlohmann::json> OpInsertThing(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  ET_ASSIGN_OR_RETURN(NewThing thing, CheckThing(args, "groupId"));
  CheckedThings rows{{{0, std::move(thing)}}, {}, 1};
  ET_ASSIGN_OR_RETURN(BatchInsertResult result, WriteThings(ctx, scope, std::move(rows), {}));
  if (!result.errors.empty()) {  // a rule of the store's: one row, so report it as the error
    const RowError& e = result.errors[0];
    return Status(ErrorCode::InvalidArgument, e.message, {{"field", e.field}, {"rule", e.rule}});
  }
  ET_ASSIGN_OR_RETURN(Thing stored, GetThing(ctx.db(), result.created.at(0)));
  return ThingJson(stored);
}

Result<nlohmann::json> OpBatchInsertThings(OpContext& ctx, const Operation& op, std::string_view args_json) {
  CheckedThings things;
  auto read_things = [&](JsonScanner& scanner) {
    if (scanner.Peek() != JsonScanner::Kind::Array) {
      scanner.SkipValue();
      return InvalidField("things", "array", "things must be an array");
    }
    return ScanThingArray(scanner, &things) ? Status::Ok() : SyntaxError(scanner, "things");
  };
  nlohmann::json rest;
  ET_RETURN_IF_ERROR(ScanArgs(args_json, op.args, "things", read_things, &rest));
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, rest));
  ET_ASSIGN_OR_RETURN(BatchOptions options, ParseBatchOptions(rest));
  ET_ASSIGN_OR_RETURN(BatchInsertResult result, WriteThings(ctx, scope, std::move(things), options));
  int64_t failed = static_cast<int64_t>(result.errors.size());
  return nlohmann::json(BatchResultText("created", result.created, result.errors, result.total, failed));
}

Result<nlohmann::json> OpSetValidationRules(OpContext& ctx, const nlohmann::json& args) {
  auto rules_json = args.find("rules");
  if (rules_json == args.end()) return InvalidField("rules", "required", "rules is required");
  ET_ASSIGN_OR_RETURN(ValidationRules rules, ParseValidationRules(*rules_json));
  ET_RETURN_IF_ERROR(WriteUnit(ctx, {.config = true}, [&] { return SaveValidationRules(ctx.db(), rules); }));
  return rules.ToJson();
}

Result<nlohmann::json> OpGetValidationRules(OpContext& ctx, const nlohmann::json&) {
  ET_ASSIGN_OR_RETURN(ValidationRulesSnapshot rules, ctx.validation_rules());
  return rules->ToJson();
}

Result<nlohmann::json> OpGetThing(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(int64_t id, RequireInt(args, "thingId", 1, INT64_MAX));
  ET_ASSIGN_OR_RETURN(Thing thing, GetThing(ctx.db(), id));
  return nlohmann::json(ThingText(thing));  // JSON text: a raw_result operation
}

Result<nlohmann::json> OpCountThings(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(std::string group_id, RequireString(args, "groupId"));
  ET_ASSIGN_OR_RETURN(std::optional<std::string> type, OptionalString(args, "type"));
  ET_ASSIGN_OR_RETURN(int64_t count, CountThings(ctx.db(), group_id, type));
  return nlohmann::json(count);
}

namespace {

ArgSpec BillingAnchorSpec() {
  return arg::Object({arg::Required("day", arg::Integer(1, 31)), arg::Optional("month", arg::Integer(1, 12))})
      .Doc("BillingAnchor");
}

ArgSpec ValidationRulesSpec() {
  ArgSpec field_rule = arg::Object({
      arg::Optional("type", arg::String().OneOf({"any", "string", "number", "integer", "boolean", "object", "array"})),
      arg::Optional("required", arg::Boolean()),
      arg::Optional("min", arg::Number()),
      arg::Optional("max", arg::Number()),
      arg::Optional("maxLength", arg::Integer(0, INT64_MAX)),
  });
  return arg::Object({arg::Optional("allowedTypes", arg::Array(arg::String())),
                      arg::Optional("schemas", arg::Map(arg::Map(field_rule)))})
      .Doc("ValidationRules");
}

}  // namespace

const std::vector<Operation>& StoreOperations() {
  static const std::vector<Operation> operations = {
      {.name = "info", .json = OpInfo, .result = "StoreInfo", .summary = "device id, schema and SQLite versions"},
      {.name = "checkIntegrity", .json = OpCheckIntegrity, .result = "{ ok, problems }",
       .summary = "SQLite's full integrity check of the store's file"},
      {.name = "createGroup",
       .json = OpCreateGroup,
       .args = arg::Object({arg::Optional("id", arg::Id()), arg::Required("name", arg::Id()),
                            arg::Required("plan", arg::Id()), arg::Optional("overrides", LimitsSpec()),
                            arg::Optional("billingAnchor", BillingAnchorSpec())}),
       .result = "Group",
       .writes = true,
       .summary = "a group (tenant) on a plan"},
      {.name = "getGroup", .json = OpGetGroup, .args = GroupArgs(), .result = "Group", .summary = "a group by id"},
      {.name = "insertThing",
       .json = OpInsertThing,
       .args = arg::Object({arg::Required("groupId", arg::Id()), arg::Required("type", arg::Id().MaxLength(kMaxTypeLength)),
                            arg::Required("name", arg::Id()), arg::Optional("properties", arg::Map(arg::Any()))}),
       .result = "Thing",
       .writes = true,
       .summary = "one thing, with the store's rules and the quota pre-flight"},
      {.name = "batchInsertThings",
       .text = OpBatchInsertThings,
       .args = arg::Object({arg::Required("groupId", arg::Id()), arg::Required("things", arg::Rows(ThingRowSpec())),
                            ModeArg(), SkipValidationArg()}),
       .result = "BatchInsertResult",
       .writes = true,
       .raw_result = true,
       .js = JsSurface::Custom,
       .js_args = "onProgress?, signal?, chunkSize?",
       .summary = "many things, atomic or partial; large arrays in slices with progress"},
      {.name = "getThing", .json = OpGetThing, .args = arg::Object({arg::Required("thingId", arg::Integer(1, INT64_MAX))}),
       .result = "Thing", .raw_result = true, .summary = "a thing by id"},
      {.name = "countThings",
       .json = OpCountThings,
       .args = arg::Object({arg::Required("groupId", arg::Id()), arg::Optional("type", arg::String())}),
       .result = "number",
       .summary = "how many things a group has (of a type)"},
      {.name = "setValidationRules",
       .json = OpSetValidationRules,
       .args = arg::Object({arg::Required("rules", ValidationRulesSpec())}),
       .result = "ValidationRules",
       .writes = true,
       .summary = "replaces the store's allowed types and per-type schemas"},
      {.name = "getValidationRules", .json = OpGetValidationRules, .result = "ValidationRules",
       .summary = "the store's validation rules"},
  };
  return operations;
}

}  // namespace edgetally
