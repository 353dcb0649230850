// Metrics: names and kinds.
#include "quota/metrics.h"

#include <nlohmann/json.hpp>

namespace edgetally {

namespace {
struct MetricInfo {
  Metric metric;
  std::string_view name;
  std::string_view label;
  MetricKind kind;
};
constexpr MetricInfo kMetrics[] = {
    {Metric::Users, "users", "Users", MetricKind::Gauge},
    {Metric::StorageBytes, "storage_gb", "Storage", MetricKind::Gauge},
    {Metric::ApiCallsPerMonth, "api_calls_per_month", "API calls this month", MetricKind::Counter},
    {Metric::EntitiesTotal, "entities_total", "Entities", MetricKind::Gauge},
    {Metric::ConnectionsTotal, "connections_total", "Connections", MetricKind::Gauge},
    {Metric::EventsRetentionDays, "events_retention_days", "Event retention (days)", MetricKind::Age},
};
const MetricInfo& Info(Metric metric) { return kMetrics[static_cast<int>(metric)]; }
}  // namespace

std::string_view MetricName(Metric metric) { return Info(metric).name; }
std::string_view MetricLabel(Metric metric) { return Info(metric).label; }
MetricKind KindOf(Metric metric) { return Info(metric).kind; }

Result<Metric> ParseMetric(std::string_view name, std::string_view field) {
  for (const MetricInfo& info : kMetrics) {
    if (info.name == name) return info.metric;
  }
  nlohmann::json allowed = nlohmann::json::array();
  for (const MetricInfo& info : kMetrics) allowed.push_back(info.name);
  return Status(ErrorCode::UnknownMetric, "unknown metric '" + std::string(name) + "'",
                {{"field", std::string(field)}, {"rule", "metric"}, {"allowed", allowed}});
}

}  // namespace edgetally
