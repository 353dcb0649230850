// QuotaService: the read side of quotas for one group: full status, pre-flight checks,
// human-readable lines, upgrade options. Nothing here writes or reserves anything.
#pragma once

#include <array>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/status.h"
#include "model/groups.h"
#include "quota/quota_config.h"
#include "quota/quota_state.h"

namespace edgetally {

class Database;

// Everything a quota read needs: the store, the loaded config, and the time to evaluate at.
struct QuotaContext {
  Database& db;
  const QuotaConfig& config;
  int64_t now;
  TimeWindow* window = nullptr;  // narrowed to where the reads' use of `now` holds (may be null)
};

// The group's plan with its overrides applied; UnknownPlan if the plan left the catalogue.
Result<Plan> EffectivePlan(const QuotaConfig& config, const Group& group);
// Where `metric` stands for the group now.
Result<QuotaState> StateOf(QuotaContext& ctx, const Group& group, Metric metric);
// The same against an already resolved plan (saves the lookup when evaluating every metric).
Result<QuotaState> StateOf(QuotaContext& ctx, const Group& group, const Plan& plan, Metric metric);
// The state of `metric` (not events_retention_days) when its usage now is `current`, already
// known (StateOf reads it): the window narrowed as the read would have narrowed it.
QuotaState StateAt(QuotaContext& ctx, const Group& group, const Plan& plan, Metric metric, int64_t current);
// Every metric's state for the group, read together (one usage read for all metrics), with the
// effective plan: what the whole-group views (quotas, status lines, upgrade pricing) start from.
struct AllQuotas {
  Plan plan;
  std::array<QuotaState, kAllMetrics.size()> states;  // indexed by Metric
};
Result<AllQuotas> AllStates(QuotaContext& ctx, const Group& group);

// getGroupQuotas: {plan, quotas: {<metric>: QuotaState}, warnings, summary}, written directly as
// JSON text (the hot read of a dashboard) by GroupQuotasText from what ReadGroupQuotas reads:
// the group's plan id, every metric's state and each metric's warning threshold, so that a
// known change of one metric's usage can be applied to it without reading anything
// (ApplyUsage; api/answer_cache.h keeps it beside the text).
struct GroupQuotas {
  std::string plan;
  std::array<QuotaState, kAllMetrics.size()> states;  // indexed by Metric
  std::array<double, kAllMetrics.size()> warning_percent{};
};
Result<GroupQuotas> ReadGroupQuotas(QuotaContext& ctx, const Group& group);
std::string GroupQuotasText(const GroupQuotas& quotas);
// `quotas` with `metric`'s usage in `bucket` now `level` (quota/usage_level.h LevelOf), as a
// read would find it: true when `bucket` is the one the state counts; false (and unchanged)
// otherwise, and for events_retention_days (measured, never recorded).
bool ApplyUsage(GroupQuotas& quotas, Metric metric, int64_t bucket, int64_t level);
// Pre-flight: can the group add `amount` of `metric`? Reason and suggestion only when not;
// remaining is absent when unlimited. InvalidArgument naming `field` (rule max_quantity) for an
// amount past kMaxQuantity (usage/quantity.h).
struct Preflight {
  bool allowed = false;
  std::optional<std::string> reason, suggestion;
  std::optional<int64_t> remaining;
};
Result<Preflight> CheckCanAdd(QuotaContext& ctx, const Group& group, Metric metric, int64_t amount,
                              std::string_view field);
// The text shown when `amount` more of `metric` does not fit, and the cheapest plan that
// would fit it (or advice to contact sales when none does).
std::string RefusalReason(const Plan& plan, const QuotaState& state, int64_t amount);
std::string UpgradeSuggestion(const QuotaConfig& config, const Group& group, Metric metric,
                              int64_t needed_total);
// getQuotaStatus: one human-readable line per metric ("Users: 3 of 5 (60.0%) - warning") and
// a summary naming the plan and how many quotas need attention.
struct QuotaStatusText {
  std::vector<std::string> lines;  // in kAllMetrics order
  std::string summary;
};
Result<QuotaStatusText> QuotaStatusLines(QuotaContext& ctx, const Group& group);
// getUpgradePricing: the plans that lift every warned or exceeded metric, in catalogue order
// (cheapest first); no options when nothing is pressing.
struct UpgradeOption {
  const Plan* plan = nullptr;  // points into the config snapshot the context holds
  int64_t price_difference_cents = 0;
  std::vector<Metric> lifts;
};
struct UpgradeOptions {
  Plan current;
  std::vector<Metric> pressing;  // warned or exceeded now
  std::vector<UpgradeOption> options;
};
Result<UpgradeOptions> UpgradePricing(QuotaContext& ctx, const Group& group);

}  // namespace edgetally
