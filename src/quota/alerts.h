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

// A metric's usage in one bucket as the change left it, already known to the change (a usage
// write computes it while it checks its room): the alerts take it instead of reading it again.
struct KnownUsage {
  Metric metric = Metric::Users;
  int64_t bucket = 0;
  int64_t level = 0;  // what quota/usage_level.h CurrentUsage would read for that bucket now
};

// Re-evaluates `metrics` for the group and returns the alerts not announced before.
// Remembers what it announced (alert_state), so call inside the transaction of the change.
// `known` holds usage the change already knows, exactly as it now stands in the store (a
// metric whose current bucket is not among it is read).
Result<std::vector<QuotaAlert>> UpdateAlerts(QuotaContext& ctx, const Group& group,
                                             const std::vector<Metric>& metrics,
                                             const std::vector<KnownUsage>& known = {});

}  // namespace edgetally
