// Quota and usage operations: argument checks around quota/ and usage/.
#include "api/quota_ops.h"

#include "api/entity_json.h"
#include "api/quota_json.h"
#include "api/group_scope.h"
#include "common/args.h"
#include "common/json_writer.h"
#include "model/text_rules.h"
#include "quota/usage_level.h"
#include "quota/usage_recording.h"
#include "api/unit_of_work.h"
#include "quota/plan_catalogue.h"
#include "usage/server_totals.h"

namespace edgetally {

namespace {

constexpr int64_t kMaxAmount = INT64_MAX;

Result<UsageInput> ReadUsageInput(const Json& args, const char* amount_field) {
  UsageInput input;
  ET_ASSIGN_OR_RETURN(std::string metric, RequireString(args, "metric"));
  ET_ASSIGN_OR_RETURN(input.metric, ParseMetric(metric));
  ET_ASSIGN_OR_RETURN(input.amount, RequireInt(args, amount_field, 0, kMaxAmount));
  input.amount_field = amount_field;
  ET_ASSIGN_OR_RETURN(std::optional<std::string> period, OptionalString(args, "period"));
  input.period = Period::Monthly;
  if (period) {
    ET_ASSIGN_OR_RETURN(input.period, ParsePeriod(*period));
  }
  ET_ASSIGN_OR_RETURN(input.record_id, OptionalString(args, "recordId"));
  if (input.record_id) ET_RETURN_IF_ERROR(CheckId(*input.record_id, "recordId"));
  if (args.contains("timestamp")) {
    ET_ASSIGN_OR_RETURN(int64_t ts, RequireInt(args, "timestamp", 0, INT64_MAX / 2));
    input.timestamp = ts;
  }
  return input;
}

// The reference's pre-flight shape: {<allowed_key>, reason, suggestion, remaining}, nulls when
// absent, as JSON text (raw_result: these answer on the quota check's hot path). Keys in the
// order a JSON tree would print them (sorted), so the text is what it was before.
Json PreflightJson(const Preflight& p, const char* allowed_key) {
  JsonWriter out;
  out.BeginObject().Key(allowed_key).Bool(p.allowed).Key("reason");
  p.reason ? out.String(*p.reason) : out.Null();
  out.Key("remaining");
  p.remaining ? out.Int(*p.remaining) : out.Null();
  out.Key("suggestion");
  p.suggestion ? out.String(*p.suggestion) : out.Null();
  return Json(out.EndObject().Take());
}

// {duplicate, recordId, recorded} as JSON text (raw_result), keys sorted as above.
Json OutcomeJson(const RecordOutcome& outcome) {
  JsonWriter out;
  out.BeginObject().Key("duplicate").Bool(!outcome.recorded).Key("recordId").String(outcome.record_id);
  return Json(out.Key("recorded").Bool(outcome.recorded).EndObject().Take());
}

// Runs a usage write in one transaction, with alerts for the metric: the bucket the write
// appended to is handed to them as it left it (nothing else writes between the two), and the
// group, which a usage write never changes, stays kept.
template <typename Write>
Result<Json> UsageWrite(OpContext& ctx, const Json& args, Metric metric, Write write) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  std::vector<KnownUsage> known;
  UnitEffects effects{.scope = &scope, .alerts = {metric}, .known = &known, .usage_only = true};
  ET_ASSIGN_OR_RETURN(RecordOutcome outcome, WriteUnit(ctx, effects, [&]() -> Result<RecordOutcome> {
    ET_ASSIGN_OR_RETURN(RecordOutcome written, write(scope));
    if (written.level) known.push_back({metric, written.bucket, *written.level});
    return written;
  }));
  return OutcomeJson(outcome);
}

Status CheckIdList(const Json& ids) {
  if (!ids.is_array()) return InvalidField("recordIds", "array", "recordIds must be an array of ids");
  for (const Json& id : ids) {
    if (!id.is_string()) return InvalidField("recordIds", "string", "recordIds must hold strings");
  }
  return Status::Ok();
}

}  // namespace

Result<Json> OpGetGroupQuotas(OpContext& ctx, const Json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  ET_ASSIGN_OR_RETURN(GroupQuotas quotas, ReadGroupQuotas(scope.ctx, scope.group));
  std::string text = GroupQuotasText(quotas);
  // The group's row, config, every metric; kept with its states (api/answer_cache.h).
  ctx.answer_reads() = {scope.group.id, ~uint32_t{0}, std::move(quotas)};
  return Json(std::move(text));  // JSON text: a raw_result operation
}

Result<Json> OpCheckCanCreateEntities(OpContext& ctx, const Json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  ET_ASSIGN_OR_RETURN(int64_t count, RequireInt(args, "count", 0, kMaxAmount));
  ET_ASSIGN_OR_RETURN(Preflight check, CheckCanAdd(scope.ctx, scope.group, Metric::EntitiesTotal, count, "count"));
  // CheckCanAdd reads the group's row, config and usage of the one metric (api/answer_cache.h).
  ctx.answer_reads() = {scope.group.id, AnswerReads::Bit(Metric::EntitiesTotal), std::nullopt};
  return PreflightJson(check, "canCreate");
}

Result<Json> OpCheckCanStore(OpContext& ctx, const Json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  ET_ASSIGN_OR_RETURN(int64_t bytes, RequireInt(args, "bytes", 0, kMaxAmount));
  ET_ASSIGN_OR_RETURN(Preflight check, CheckCanAdd(scope.ctx, scope.group, Metric::StorageBytes, bytes, "bytes"));
  ctx.answer_reads() = {scope.group.id, AnswerReads::Bit(Metric::StorageBytes), std::nullopt};  // as above
  return PreflightJson(check, "canStore");
}

Result<Json> OpGetQuotaStatus(OpContext& ctx, const Json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  ET_ASSIGN_OR_RETURN(QuotaStatusText status, QuotaStatusLines(scope.ctx, scope.group));
  return QuotaStatusJson(scope.group, status);
}

Result<Json> OpGetUpgradePricing(OpContext& ctx, const Json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  ET_ASSIGN_OR_RETURN(UpgradeOptions pricing, UpgradePricing(scope.ctx, scope.group));
  return UpgradePricingJson(pricing);
}

Result<Json> OpRecordUsage(OpContext& ctx, const Json& args) {
  ET_ASSIGN_OR_RETURN(UsageInput input, ReadUsageInput(args, "amount"));
  return UsageWrite(ctx, args, input.metric,
                    [&](GroupScope& scope) { return RecordUsage(scope.ctx, scope.group, input); });
}

Result<Json> OpEnforceQuota(OpContext& ctx, const Json& args) {
  ET_ASSIGN_OR_RETURN(UsageInput input, ReadUsageInput(args, "requestedAmount"));
  return UsageWrite(ctx, args, input.metric,
                    [&](GroupScope& scope) { return EnforceQuota(scope.ctx, scope.group, input); });
}

Result<Json> OpResetPeriodCounter(OpContext& ctx, const Json& args) {
  ET_ASSIGN_OR_RETURN(std::string metric_name, RequireString(args, "metric"));
  ET_ASSIGN_OR_RETURN(Metric metric, ParseMetric(metric_name));
  ET_ASSIGN_OR_RETURN(std::string period_name, RequireString(args, "period"));
  ET_ASSIGN_OR_RETURN(Period period, ParsePeriod(period_name));
  return UsageWrite(ctx, args, metric, [&](GroupScope& scope) {
    return ResetPeriodCounter(scope.ctx, scope.group, metric, period);
  });
}

Result<Json> OpListPlans(OpContext& ctx, const Json&) {
  ET_ASSIGN_OR_RETURN(QuotaConfigSnapshot config, ctx.quota_config());
  Json plans = Json::array();
  for (const Plan& plan : config->catalogue.plans()) plans.push_back(plan.ToJson());
  return plans;
}

Result<Json> OpDefinePlans(OpContext& ctx, const Json& args) {
  auto list = args.find("plans");
  if (list == args.end() || !list->is_array() || list->empty()) {
    return InvalidField("plans", "array", "plans must be a non-empty array of plan objects");
  }
  std::vector<Plan> plans;
  for (size_t i = 0; i < list->size(); ++i) {
    ET_ASSIGN_OR_RETURN(Plan plan, ParsePlan((*list)[i], "plans[" + std::to_string(i) + "]"));
    plans.push_back(std::move(plan));
  }
  ET_RETURN_IF_ERROR(WriteUnit(ctx, {.config = true}, [&] { return SavePlans(ctx.db(), plans); }));
  return OpListPlans(ctx, args);
}

Result<Json> OpSetGroupPlan(OpContext& ctx, const Json& args) {
  // The plan and the alerts it moves are one unit: both land, or neither.
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  ET_ASSIGN_OR_RETURN(std::string plan, RequireString(args, "plan"));
  ET_RETURN_IF_ERROR(CheckPlanId(scope.config->catalogue, plan));
  ET_ASSIGN_OR_RETURN(Json overrides, CheckOverrides(args.value("overrides", Json::object())));
  return WriteUnit(ctx, {.scope = &scope, .alerts = AllMetrics()}, [&]() -> Result<Json> {
    ET_ASSIGN_OR_RETURN(scope.group, SetGroupPlan(ctx.db(), scope.group.id, plan, overrides, ctx.Now()));
    return GroupJson(scope.group);
  });
}

Result<Json> OpSetWarningThresholds(OpContext& ctx, const Json& args) {
  auto thresholds = args.find("thresholds");
  if (thresholds == args.end()) return InvalidField("thresholds", "required", "thresholds is required");
  ET_RETURN_IF_ERROR(WriteUnit(ctx, {.config = true}, [&] { return SaveWarningThresholds(ctx.db(), *thresholds); }));
  ET_ASSIGN_OR_RETURN(QuotaConfigSnapshot config, ctx.quota_config());
  Json out = Json::object();
  for (Metric m : kAllMetrics) out[std::string(MetricName(m))] = config->WarningPercent(m);
  return out;
}

Result<Json> OpSetServerTotals(OpContext& ctx, const Json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  auto totals = args.find("totals");
  if (totals == args.end() || !totals->is_object()) {
    return InvalidField("totals", "object", "totals must be an object {<metric>: value}");
  }
  int64_t as_of = scope.ctx.now;
  if (args.contains("asOf")) {
    ET_ASSIGN_OR_RETURN(as_of, RequireInt(args, "asOf", 0, INT64_MAX / 2));
  }
  ET_RETURN_IF_ERROR(WriteUnit(ctx, {.scope = &scope, .alerts = AllMetrics()}, [&]() -> Status {
    for (const auto& [key, value] : totals->items()) {
      ET_ASSIGN_OR_RETURN(Metric metric, ParseMetric(key, "totals"));
      ET_ASSIGN_OR_RETURN(int64_t amount, RequireInt(*totals, key, 0, kMaxAmount));
      int64_t bucket = BucketFor(metric, as_of, scope.group.anchor);
      ET_RETURN_IF_ERROR(SetServerTotal(ctx.db(), scope.group.id, key, bucket, {amount, as_of}));
    }
    return Status::Ok();
  }));
  return Json{{"groupId", scope.group.id}, {"asOf", as_of}};
}

Result<Json> OpAcknowledgeUsage(OpContext& ctx, const Json& args) {
  auto ids = args.find("recordIds");
  if (ids == args.end()) return InvalidField("recordIds", "required", "recordIds is required");
  ET_RETURN_IF_ERROR(CheckIdList(*ids));
  ET_ASSIGN_OR_RETURN(std::optional<std::string> group_id, OptionalString(args, "groupId"));
  ET_ASSIGN_OR_RETURN(int64_t acknowledged, WriteUnit(ctx, {}, [&] {
    return AcknowledgeRecords(ctx.db(), ids->get<std::vector<std::string>>(), group_id);
  }));
  return Json{{"acknowledged", acknowledged}};
}

namespace {

std::vector<ArgField> UsageFields(const char* amount_field) {
  return {arg::Required("groupId", arg::Id()),          arg::Required("metric", arg::Id().Doc("Metric")),
          arg::Required(amount_field, arg::Integer(0, kMaxAmount)), arg::Optional("period", arg::Id().Doc("Period")),
          arg::Optional("recordId", arg::String()),    arg::Optional("timestamp", arg::Integer(0, INT64_MAX / 2))};
}

ArgSpec PlanSpec() {
  return arg::Object({arg::Required("id", arg::Id()), arg::Required("name", arg::Id()),
                      arg::Required("priceCents", arg::Integer(0, INT64_MAX)), arg::Required("limits", LimitsSpec())})
      .Doc("Plan");
}

ArgSpec GroupAndAmount(const char* field) {
  return arg::Object({arg::Required("groupId", arg::Id()), arg::Required(field, arg::Integer(0, kMaxAmount))});
}

}  // namespace

const std::vector<Operation>& QuotaOperations() {
  static const std::vector<Operation> operations = {
      {.name = "getGroupQuotas", .json = OpGetGroupQuotas, .args = GroupArgs(), .result = "GroupQuotas",
       .raw_result = true, .cached = true, .summary = "every metric against the group's plan"},
      {.name = "checkCanCreateEntities", .json = OpCheckCanCreateEntities, .args = GroupAndAmount("count"),
       .result = "PreflightResult", .raw_result = true, .cached = true, .summary = "pre-flight before creating `count` entities; reserves nothing"},
      {.name = "checkCanStore", .json = OpCheckCanStore, .args = GroupAndAmount("bytes"), .result = "PreflightResult",
       .raw_result = true, .cached = true, .summary = "pre-flight before storing `bytes` more; reserves nothing"},
      {.name = "getQuotaStatus", .json = OpGetQuotaStatus, .args = GroupArgs(), .result = "{ plan, lines, summary }",
       .cached = true, .summary = "human-readable lines, one per metric"},
      {.name = "getUpgradePricing", .json = OpGetUpgradePricing, .args = GroupArgs(), .result = "UpgradePricing",
       .cached = true, .summary = "plans that lift every warned or exceeded metric, cheapest first"},
      {.name = "recordUsage", .json = OpRecordUsage, .args = arg::Object(UsageFields("amount")),
       .result = "UsageRecordResult", .writes = true, .raw_result = true, .summary = "appends a usage record"},
      {.name = "enforceQuota", .json = OpEnforceQuota, .args = arg::Object(UsageFields("requestedAmount")),
       .result = "UsageRecordResult", .writes = true, .raw_result = true,
       .summary = "records only if it fits the limit, else QuotaExceededError; atomic"},
      {.name = "resetPeriodCounter",
       .json = OpResetPeriodCounter,
       .args = arg::Object({arg::Required("groupId", arg::Id()), arg::Required("metric", arg::Id().Doc("Metric")),
                            arg::Required("period", arg::Id().Doc("Period"))}),
       .result = "UsageRecordResult",
       .writes = true,
       .raw_result = true,
       .summary = "starts a counter's current period over from zero"},
      {.name = "listPlans", .json = OpListPlans, .result = "Plan[]", .summary = "the plan catalogue, cheapest first"},
      {.name = "definePlans", .json = OpDefinePlans, .args = arg::Object({arg::Required("plans", arg::Array(PlanSpec()))}),
       .result = "Plan[]", .writes = true, .summary = "adds or replaces custom plans"},
      {.name = "setGroupPlan",
       .json = OpSetGroupPlan,
       .args = arg::Object({arg::Required("groupId", arg::Id()), arg::Required("plan", arg::Id()),
                            arg::Optional("overrides", LimitsSpec())}),
       .result = "Group",
       .writes = true,
       .summary = "moves a group to a plan, with per-group limit overrides"},
      {.name = "setWarningThresholds",
       .json = OpSetWarningThresholds,
       .args = arg::Object({arg::Required("thresholds", arg::Map(arg::Number()))}),
       .result = "Record<Metric, number>",
       .writes = true,
       .summary = "warning thresholds in percent per metric (default 80)"},
      {.name = "setServerTotals",
       .json = OpSetServerTotals,
       .args = arg::Object({arg::Required("groupId", arg::Id()), arg::Required("totals", arg::Map(arg::Integer(0, kMaxAmount))),
                            arg::Optional("asOf", arg::Integer(0, INT64_MAX / 2))}),
       .result = "{ groupId, asOf }",
       .writes = true,
       .summary = "the server's totals for a group (fed by sync)"},
      {.name = "acknowledgeUsage",
       .json = OpAcknowledgeUsage,
       .args = arg::Object({arg::Required("recordIds", arg::Array(arg::String())), arg::Optional("groupId", arg::Id())}),
       .result = "{ acknowledged }",
       .writes = true,
       .summary = "marks usage records as acknowledged by the server"},
  };
  return operations;
}

}  // namespace edgetally
