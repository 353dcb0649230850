// Quota and usage operations: argument checks around quota/ and usage/.
#include "api/quota_ops.h"

#include "api/group_scope.h"
#include "common/args.h"
#include "model/text_rules.h"
#include "quota/usage_level.h"
#include "quota/usage_recording.h"
#include "store/transaction.h"
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

Json OutcomeJson(const RecordOutcome& outcome) {
  return {{"recordId", outcome.record_id}, {"recorded", outcome.recorded}, {"duplicate", !outcome.recorded}};
}

// Runs a usage write in one transaction, with alerts for the metric.
template <typename Write>
Result<Json> UsageWrite(Engine& engine, const Json& args, Metric metric, Write write) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(engine, args));
  Transaction txn(engine.db());
  ET_RETURN_IF_ERROR(txn.status());
  ET_ASSIGN_OR_RETURN(RecordOutcome outcome, write(scope));
  ET_RETURN_IF_ERROR(CommitWithAlerts(engine, scope, txn, {metric}));
  return OutcomeJson(outcome);
}

Status CheckIdList(const Json& ids) {
  if (!ids.is_array()) return InvalidField("recordIds", "array", "recordIds must be an array of ids");
  for (const Json& id : ids) {
    if (!id.is_string()) return InvalidField("recordIds", "string", "recordIds must hold strings");
  }
  return Status::Ok();
}

// Re-evaluates every metric's alerts of a group after a change to its plan or totals.
Status RealertAll(Engine& engine, const Json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(engine, args));
  Transaction txn(engine.db());
  ET_RETURN_IF_ERROR(txn.status());
  return CommitWithAlerts(engine, scope, txn, {kAllMetrics.begin(), kAllMetrics.end()});
}

}  // namespace

Result<Json> OpGetGroupQuotas(Engine& engine, const Json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(engine, args));
  ET_ASSIGN_OR_RETURN(std::string text, GroupQuotasJson(scope.ctx, scope.group));
  return Json(std::move(text));  // JSON text: a raw_result operation
}

Result<Json> OpCheckCanCreateEntities(Engine& engine, const Json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(engine, args));
  ET_ASSIGN_OR_RETURN(int64_t count, RequireInt(args, "count", 0, kMaxAmount));
  return CheckCanAdd(scope.ctx, scope.group, Metric::EntitiesTotal, count, "canCreate", "count");
}

Result<Json> OpCheckCanStore(Engine& engine, const Json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(engine, args));
  ET_ASSIGN_OR_RETURN(int64_t bytes, RequireInt(args, "bytes", 0, kMaxAmount));
  return CheckCanAdd(scope.ctx, scope.group, Metric::StorageBytes, bytes, "canStore", "bytes");
}

Result<Json> OpGetQuotaStatus(Engine& engine, const Json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(engine, args));
  return QuotaStatusLines(scope.ctx, scope.group);
}

Result<Json> OpGetUpgradePricing(Engine& engine, const Json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(engine, args));
  return UpgradePricing(scope.ctx, scope.group);
}

Result<Json> OpRecordUsage(Engine& engine, const Json& args) {
  ET_ASSIGN_OR_RETURN(UsageInput input, ReadUsageInput(args, "amount"));
  return UsageWrite(engine, args, input.metric,
                    [&](GroupScope& scope) { return RecordUsage(scope.ctx, scope.group, input); });
}

Result<Json> OpEnforceQuota(Engine& engine, const Json& args) {
  ET_ASSIGN_OR_RETURN(UsageInput input, ReadUsageInput(args, "requestedAmount"));
  return UsageWrite(engine, args, input.metric,
                    [&](GroupScope& scope) { return EnforceQuota(scope.ctx, scope.group, input); });
}

Result<Json> OpResetPeriodCounter(Engine& engine, const Json& args) {
  ET_ASSIGN_OR_RETURN(std::string metric_name, RequireString(args, "metric"));
  ET_ASSIGN_OR_RETURN(Metric metric, ParseMetric(metric_name));
  ET_ASSIGN_OR_RETURN(std::string period_name, RequireString(args, "period"));
  ET_ASSIGN_OR_RETURN(Period period, ParsePeriod(period_name));
  return UsageWrite(engine, args, metric, [&](GroupScope& scope) {
    return ResetPeriodCounter(scope.ctx, scope.group, metric, period);
  });
}

Result<Json> OpListPlans(Engine& engine, const Json&) {
  ET_ASSIGN_OR_RETURN(const QuotaConfig* config, engine.quota_config());
  Json plans = Json::array();
  for (const Plan& plan : config->catalogue.plans()) plans.push_back(plan.ToJson());
  return plans;
}

Result<Json> OpDefinePlans(Engine& engine, const Json& args) {
  auto list = args.find("plans");
  if (list == args.end() || !list->is_array() || list->empty()) {
    return InvalidField("plans", "array", "plans must be a non-empty array of plan objects");
  }
  std::vector<Plan> plans;
  for (size_t i = 0; i < list->size(); ++i) {
    ET_ASSIGN_OR_RETURN(Plan plan, ParsePlan((*list)[i], "plans[" + std::to_string(i) + "]"));
    plans.push_back(std::move(plan));
  }
  Transaction txn(engine.db());
  ET_RETURN_IF_ERROR(txn.status());
  ET_RETURN_IF_ERROR(SavePlans(engine.db(), plans));
  ET_RETURN_IF_ERROR(txn.Commit());
  engine.InvalidateQuotaConfig();
  return OpListPlans(engine, args);
}

Result<Json> OpSetGroupPlan(Engine& engine, const Json& args) {
  ET_ASSIGN_OR_RETURN(std::string group_id, RequireString(args, "groupId"));
  ET_ASSIGN_OR_RETURN(std::string plan, RequireString(args, "plan"));
  Json overrides = args.value("overrides", Json::object());
  ET_ASSIGN_OR_RETURN(const QuotaConfig* config, engine.quota_config());
  ET_ASSIGN_OR_RETURN(Group group, SetGroupPlan(engine.db(), config->catalogue, group_id, plan, overrides));
  ET_RETURN_IF_ERROR(RealertAll(engine, args));
  return group.ToJson();
}

Result<Json> OpSetWarningThresholds(Engine& engine, const Json& args) {
  auto thresholds = args.find("thresholds");
  if (thresholds == args.end()) return InvalidField("thresholds", "required", "thresholds is required");
  ET_RETURN_IF_ERROR(SaveWarningThresholds(engine.db(), *thresholds));
  engine.InvalidateQuotaConfig();
  ET_ASSIGN_OR_RETURN(const QuotaConfig* config, engine.quota_config());
  Json out = Json::object();
  for (Metric m : kAllMetrics) out[std::string(MetricName(m))] = config->WarningPercent(m);
  return out;
}

Result<Json> OpSetServerTotals(Engine& engine, const Json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(engine, args));
  auto totals = args.find("totals");
  if (totals == args.end() || !totals->is_object()) {
    return InvalidField("totals", "object", "totals must be an object {<metric>: value}");
  }
  int64_t as_of = scope.ctx.now;
  if (args.contains("asOf")) {
    ET_ASSIGN_OR_RETURN(as_of, RequireInt(args, "asOf", 0, INT64_MAX / 2));
  }
  Transaction txn(engine.db());
  ET_RETURN_IF_ERROR(txn.status());
  for (const auto& [key, value] : totals->items()) {
    ET_ASSIGN_OR_RETURN(Metric metric, ParseMetric(key, "totals"));
    ET_ASSIGN_OR_RETURN(int64_t amount, RequireInt(*totals, key, 0, kMaxAmount));
    int64_t bucket = BucketFor(metric, as_of, scope.group.anchor);
    ET_RETURN_IF_ERROR(SetServerTotal(engine.db(), scope.group.id, key, bucket, {amount, as_of}));
  }
  ET_RETURN_IF_ERROR(CommitWithAlerts(engine, scope, txn, {kAllMetrics.begin(), kAllMetrics.end()}));
  return Json{{"groupId", scope.group.id}, {"asOf", as_of}};
}

Result<Json> OpAcknowledgeUsage(Engine& engine, const Json& args) {
  auto ids = args.find("recordIds");
  if (ids == args.end()) return InvalidField("recordIds", "required", "recordIds is required");
  ET_RETURN_IF_ERROR(CheckIdList(*ids));
  Transaction txn(engine.db());
  ET_RETURN_IF_ERROR(txn.status());
  ET_ASSIGN_OR_RETURN(std::optional<std::string> group_id, OptionalString(args, "groupId"));
  ET_ASSIGN_OR_RETURN(int64_t acknowledged, AcknowledgeRecords(engine.db(), ids->get<std::vector<std::string>>(), group_id));
  ET_RETURN_IF_ERROR(txn.Commit());
  return Json{{"acknowledged", acknowledged}};
}

}  // namespace edgetally
