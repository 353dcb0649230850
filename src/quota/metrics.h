// Metrics: the six quota metrics of the reference and how each is measured.
//   gauge:   a level (users, storage bytes, entities, connections): the sum of all its usage
//            records ever, whatever period they name.
//   counter: consumption per period (API calls per month): the sum of its records inside the
//            current period since the last reset; rolls over by itself at the period's end.
//   age:     events_retention_days: the age in days of the group's oldest event still held.
#pragma once

#include <array>
#include <string_view>

#include "common/status.h"

namespace edgetally {

enum class Metric { Users, StorageBytes, ApiCallsPerMonth, EntitiesTotal, ConnectionsTotal, EventsRetentionDays };
enum class MetricKind { Gauge, Counter, Age };

constexpr std::array<Metric, 6> kAllMetrics = {
    Metric::Users,         Metric::StorageBytes,     Metric::ApiCallsPerMonth,
    Metric::EntitiesTotal, Metric::ConnectionsTotal, Metric::EventsRetentionDays};

// "users", "storage_gb", "api_calls_per_month", "entities_total", "connections_total",
// "events_retention_days". storage_gb is kept and reported in bytes; the name is the reference's.
std::string_view MetricName(Metric metric);
MetricKind KindOf(Metric metric);
// A human label: "API calls this month", "Storage".
std::string_view MetricLabel(Metric metric);
// InvalidArgument (details {field, rule: "metric", allowed}) for an unknown name.
Result<Metric> ParseMetric(std::string_view name, std::string_view field = "metric");

}  // namespace edgetally
