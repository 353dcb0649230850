// QuotaService: quota reads composed from usage levels, plans and the status rules.
#include "quota/quota_service.h"

#include <array>

#include "common/json_writer.h"
#include "quota/format.h"
#include "quota/usage_level.h"
#include "usage/quantity.h"

namespace edgetally {

namespace {

bool Fits(const Limit& limit, int64_t total) { return limit.unlimited || total <= limit.value; }

}  // namespace

Result<Plan> EffectivePlan(const QuotaConfig& config, const Group& group) {
  const Plan* plan = config.catalogue.Find(group.plan);
  if (!plan) {
    return Status(ErrorCode::UnknownPlan, "group '" + group.id + "' is on unknown plan '" + group.plan + "'",
                  {{"plan", group.plan}});
  }
  return ApplyOverrides(*plan, group.overrides);
}

Result<QuotaState> StateOf(QuotaContext& ctx, const Group& group, const Plan& plan, Metric metric) {
  ET_ASSIGN_OR_RETURN(int64_t current, CurrentUsage(ctx.db, group, metric, ctx.now, ctx.window));
  return EvaluateQuota(metric, current, plan.limit(metric), ctx.config.WarningPercent(metric),
                       QuotaPeriod(metric, ctx.now, group.anchor));
}

QuotaState StateAt(QuotaContext& ctx, const Group& group, const Plan& plan, Metric metric, int64_t current) {
  std::optional<PeriodBounds> period = QuotaPeriod(metric, ctx.now, group.anchor);
  if (period && ctx.window) ctx.window->Narrow(period->start, period->end);  // as CurrentUsage does
  return EvaluateQuota(metric, current, plan.limit(metric), ctx.config.WarningPercent(metric), period);
}

Result<QuotaState> StateOf(QuotaContext& ctx, const Group& group, Metric metric) {
  ET_ASSIGN_OR_RETURN(Plan plan, EffectivePlan(ctx.config, group));
  return StateOf(ctx, group, plan, metric);
}

Result<AllQuotas> AllStates(QuotaContext& ctx, const Group& group) {
  AllQuotas all;
  ET_ASSIGN_OR_RETURN(all.plan, EffectivePlan(ctx.config, group));
  ET_ASSIGN_OR_RETURN(auto usage, CurrentUsageAll(ctx.db, group, ctx.now, ctx.window));
  for (Metric metric : kAllMetrics) {
    size_t i = static_cast<size_t>(metric);
    all.states[i] = EvaluateQuota(metric, usage[i], all.plan.limit(metric), ctx.config.WarningPercent(metric),
                                  QuotaPeriod(metric, ctx.now, group.anchor));
  }
  return all;
}

Result<GroupQuotas> ReadGroupQuotas(QuotaContext& ctx, const Group& group) {
  ET_ASSIGN_OR_RETURN(AllQuotas all, AllStates(ctx, group));
  GroupQuotas quotas{group.plan, all.states, {}};
  for (Metric metric : kAllMetrics) quotas.warning_percent[static_cast<size_t>(metric)] = ctx.config.WarningPercent(metric);
  return quotas;
}

bool ApplyUsage(GroupQuotas& quotas, Metric metric, int64_t bucket, int64_t level) {
  if (KindOf(metric) == MetricKind::Age) return false;
  size_t i = static_cast<size_t>(metric);
  QuotaState& state = quotas.states[i];
  if ((state.period ? state.period->start : 0) != bucket) return false;
  state = EvaluateQuota(metric, level, state.limit, quotas.warning_percent[i], state.period);
  return true;
}

std::string GroupQuotasText(const GroupQuotas& quotas) {
  const auto& states = quotas.states;
  JsonWriter out;
  out.Reserve(2048);  // about 1.2 KB: one allocation instead of a growth at each doubling
  out.BeginObject().Key("plan").String(quotas.plan).Key("quotas").BeginObject();
  for (const QuotaState& state : states) {
    out.Key(MetricName(state.metric));
    state.WriteJson(out);
  }
  out.EndObject().Key("warnings").BeginArray();
  int warning_count = 0, exceeded_count = 0;
  for (const QuotaState& state : states) {
    if (state.level == QuotaLevel::Ok) continue;
    (state.level == QuotaLevel::Warning ? warning_count : exceeded_count)++;
    out.BeginObject().Key("metric").String(MetricName(state.metric)).Key("percentUsed").Double(state.percent_used);
    out.Key("current").Int(state.current).Key("limit");
    state.limit.unlimited ? out.Null() : out.Int(state.limit.value);
    out.Key("status").String(QuotaLevelName(state.level)).EndObject();
  }
  out.EndArray().Key("summary").BeginObject().Key("allOk").Bool(warning_count + exceeded_count == 0);
  out.Key("warningCount").Int(warning_count).Key("exceededCount").Int(exceeded_count).EndObject();
  return out.EndObject().Take();
}

std::string RefusalReason(const Plan& plan, const QuotaState& state, int64_t amount) {
  return "Adding " + FormatAmount(state.metric, amount) + " would exceed the " + plan.name +
         " plan's limit of " + FormatLimit(state.metric, state.limit) + " (used: " +
         FormatAmount(state.metric, state.current) + ", remaining: " +
         FormatAmount(state.metric, state.remaining().value_or(0)) + ")";
}

std::string UpgradeSuggestion(const QuotaConfig& config, const Group& group, Metric metric,
                              int64_t needed_total) {
  for (const Plan& plan : config.catalogue.plans()) {
    if (plan.id == group.plan || !Fits(plan.limit(metric), needed_total)) continue;
    return "Upgrade to " + plan.name + " (" + FormatMoney(plan.price_cents) + "/month) for " +
           FormatLimit(metric, plan.limit(metric));
  }
  return "No plan allows " + FormatAmount(metric, needed_total) + "; contact sales for a custom plan";
}

Result<Preflight> CheckCanAdd(QuotaContext& ctx, const Group& group, Metric metric, int64_t amount,
                              std::string_view field) {
  ET_RETURN_IF_ERROR(CheckQuantity(amount, field));
  ET_ASSIGN_OR_RETURN(Plan plan, EffectivePlan(ctx.config, group));
  ET_ASSIGN_OR_RETURN(QuotaState state, StateOf(ctx, group, plan, metric));
  Preflight out{state.Allows(amount), std::nullopt, std::nullopt, state.remaining()};
  if (!out.allowed) {
    out.reason = RefusalReason(plan, state, amount);
    out.suggestion = UpgradeSuggestion(ctx.config, group, metric, state.current + amount);
  }
  return out;
}

Result<QuotaStatusText> QuotaStatusLines(QuotaContext& ctx, const Group& group) {
  ET_ASSIGN_OR_RETURN(AllQuotas all, AllStates(ctx, group));
  QuotaStatusText out;
  int attention = 0;
  for (const QuotaState& state : all.states) {
    Metric metric = state.metric;
    std::string line = std::string(MetricLabel(metric)) + ": " + FormatAmount(metric, state.current);
    if (state.limit.unlimited) {
      line += " (unlimited)";
    } else {
      char percent[16];
      std::snprintf(percent, sizeof percent, "%.1f%%", state.percent_used);
      line += " of " + FormatLimit(metric, state.limit) + " (" + percent + ")";
    }
    if (state.level != QuotaLevel::Ok) {
      line += std::string(" - ") + (state.level == QuotaLevel::Warning ? "warning" : "EXCEEDED");
      ++attention;
    }
    out.lines.push_back(std::move(line));
  }
  out.summary = attention == 0 ? "All quotas OK on the " + all.plan.name + " plan"
                               : std::to_string(attention) + " of " + std::to_string(kAllMetrics.size()) +
                                     " quotas need attention on the " + all.plan.name + " plan";
  return out;
}

Result<UpgradeOptions> UpgradePricing(QuotaContext& ctx, const Group& group) {
  ET_ASSIGN_OR_RETURN(AllQuotas all, AllStates(ctx, group));
  UpgradeOptions out{all.plan, {}, {}};
  std::vector<const QuotaState*> pressing;
  for (const QuotaState& state : all.states) {
    if (state.level == QuotaLevel::Ok) continue;
    pressing.push_back(&state);
    out.pressing.push_back(state.metric);
  }
  for (const Plan& plan : ctx.config.catalogue.plans()) {
    if (plan.id == group.plan || pressing.empty()) continue;
    UpgradeOption option{&plan, plan.price_cents - all.plan.price_cents, {}};
    for (const QuotaState* state : pressing) {
      QuotaState there = EvaluateQuota(state->metric, state->current, plan.limit(state->metric),
                                       ctx.config.WarningPercent(state->metric), state->period);
      if (there.level == QuotaLevel::Ok) option.lifts.push_back(state->metric);
    }
    if (option.lifts.size() == pressing.size()) out.options.push_back(std::move(option));
  }
  return out;
}

}  // namespace edgetally
