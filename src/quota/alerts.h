// Alerts: tells a dashboard when a group's metric crosses a threshold (warning, exceeded), once
// per threshold per quota period (per bucket; gauges have one bucket). A metric that falls back
// below a level it had announced can announce it again when it next crosses it.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "quota/quota_service.h"

namespace edgetally {

// Re-evaluates `metrics` for the group and returns the alerts not announced before:
// {type: "quota", groupId, metric, status, percentUsed, current, limit, periodStart}.
// Remembers what it announced (alert_state), so call inside the transaction of the change.
Result<std::vector<nlohmann::json>> UpdateAlerts(QuotaContext& ctx, const Group& group,
                                                 const std::vector<Metric>& metrics);

}  // namespace edgetally
