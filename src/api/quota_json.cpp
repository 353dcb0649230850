// QuotaJson: quota results as JSON for the JS API.
#include "api/quota_json.h"

#include "quota/metrics.h"

namespace edgetally {

namespace {

nlohmann::json MetricNames(const std::vector<Metric>& metrics) {
  nlohmann::json names = nlohmann::json::array();
  for (Metric metric : metrics) names.push_back(MetricName(metric));
  return names;
}

}  // namespace

nlohmann::json QuotaStatusJson(const Group& group, const QuotaStatusText& status) {
  return {{"plan", group.plan}, {"lines", status.lines}, {"summary", status.summary}};
}

nlohmann::json UpgradePricingJson(const UpgradeOptions& pricing) {
  nlohmann::json options = nlohmann::json::array();
  for (const UpgradeOption& option : pricing.options) {
    options.push_back({{"plan", option.plan->id},
                       {"name", option.plan->name},
                       {"priceCents", option.plan->price_cents},
                       {"priceDifferenceCents", option.price_difference_cents},
                       {"lifts", MetricNames(option.lifts)}});
  }
  const Plan& current = pricing.current;
  return {{"currentPlan", {{"id", current.id}, {"name", current.name}, {"priceCents", current.price_cents}}},
          {"metrics", MetricNames(pricing.pressing)},
          {"options", options}};
}

nlohmann::json QuotaAlertJson(const QuotaAlert& alert) {
  const QuotaState& state = alert.state;
  return {{"type", "quota"},
          {"groupId", alert.group_id},
          {"metric", MetricName(state.metric)},
          {"status", QuotaLevelName(state.level)},
          {"percentUsed", state.percent_used},
          {"current", state.current},
          {"limit", state.limit.ToJson()},
          {"periodStart", state.period ? nlohmann::json(state.period->start) : nlohmann::json(nullptr)}};
}

}  // namespace edgetally
