// ThingWrites: rules, mode, pre-flight, insert, record usage, alert, commit.
#include "api/thing_writes.h"

#include <algorithm>

#include "common/args.h"
#include "quota/usage_recording.h"
#include "api/unit_of_work.h"

namespace edgetally {

void ApplyRules(const ValidationRules& rules, CheckedThings* rows) {
  if (rules.empty()) return;
  std::vector<IndexedThing> kept;
  kept.reserve(rows->valid.size());
  for (IndexedThing& row : rows->valid) {
    Status status = CheckAgainstRules(rules, row.thing);
    if (status.ok()) {
      kept.push_back(std::move(row));
      continue;
    }
    rows->errors.push_back(RowErrorFrom(status, row.index));
    rows->errors.back().line = row.line;
  }
  rows->valid = std::move(kept);
  std::sort(rows->errors.begin(), rows->errors.end(),
            [](const RowError& a, const RowError& b) { return a.index < b.index; });
}

Result<std::vector<int64_t>> InsertValidRows(OpContext& ctx, GroupScope& scope,
                                             const std::vector<IndexedThing>& rows) {
  int64_t bytes = 0;
  for (const IndexedThing& row : rows) bytes += StorageBytesOf(row.thing);
  ET_RETURN_IF_ERROR(ConsumeUsage(scope.ctx, scope.group, Metric::EntitiesTotal, static_cast<int64_t>(rows.size())));
  ET_RETURN_IF_ERROR(ConsumeUsage(scope.ctx, scope.group, Metric::StorageBytes, bytes));
  return InsertThings(ctx.db(), scope.group.id, rows, scope.ctx.now);
}

Result<BatchOptions> ParseBatchOptions(const nlohmann::json& args) {
  BatchOptions options;
  ET_ASSIGN_OR_RETURN(std::optional<std::string> mode, OptionalString(args, "mode"));
  if (mode && *mode != "atomic" && *mode != "partial") {
    return InvalidField("mode", "one_of", "mode must be 'atomic' or 'partial'");
  }
  options.mode = mode == "partial" ? BatchMode::Partial : BatchMode::Atomic;
  auto skip = args.find("skipValidation");
  if (skip != args.end() && !skip->is_null()) {
    if (!skip->is_boolean()) return InvalidField("skipValidation", "boolean", "skipValidation must be true or false");
    options.skip_validation = skip->get<bool>();
  }
  return options;
}

ArgField ModeArg() { return arg::Optional("mode", arg::String().OneOf({"atomic", "partial"})); }
ArgField SkipValidationArg() { return arg::Optional("skipValidation", arg::Boolean()); }
ArgSpec ThingRowSpec() {
  return arg::Object({arg::Required("type", arg::Id().MaxLength(kMaxTypeLength)), arg::Required("name", arg::Id()),
                      arg::Optional("properties", arg::Map(arg::Any()))})
      .Doc("NewThing");
}

Result<BatchInsertResult> WriteThings(OpContext& ctx, GroupScope& scope, CheckedThings rows,
                                      const BatchOptions& options) {
  if (!options.skip_validation) {
    ET_ASSIGN_OR_RETURN(ValidationRulesSnapshot rules, ctx.validation_rules());
    ApplyRules(*rules, &rows);
  }
  BatchInsertResult result;
  result.total = rows.total;
  result.errors = std::move(rows.errors);
  bool write = options.mode == BatchMode::Partial || result.errors.empty();
  if (!write || rows.valid.empty()) return result;
  UnitEffects effects{.scope = &scope, .alerts = {Metric::EntitiesTotal, Metric::StorageBytes}};
  ET_ASSIGN_OR_RETURN(result.created, WriteUnit(ctx, effects, [&] { return InsertValidRows(ctx, scope, rows.valid); }));
  return result;
}

}  // namespace edgetally
