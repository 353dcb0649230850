// Alerts: tells a dashboard when a group's metric crosses a threshold (warning, exceeded), once
// per threshold per quota period (per bucket; gauges have one bucket). A metric that falls back
// below a level it had announced can announce it again when it next crosses it.
#pragma once

#include <string>
#include <vector>

#include "quota/quota_service.h"

namespace edgetally {

// A threshold the group's metric crossed: its state when it crossed (level warning or exceeded).
struct QuotaAlert {
  std::string group_id;
  QuotaState state;
};

// Re-evaluates `metrics` for the group and returns the alerts not announced before.
// Remembers what it announced (alert_state), so call inside the transaction of the change.
Result<std::vector<QuotaAlert>> UpdateAlerts(QuotaContext& ctx, const Group& group,
                                             const std::vector<Metric>& metrics);

}  // namespace edgetally
