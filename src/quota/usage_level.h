// UsageLevel: how much of a metric a group has used right now, as quota checks see it:
// the server's last known total for the bucket (all devices) plus the local records the server
// has not acknowledged yet; for events_retention_days, the age of the oldest event held.
#pragma once

#include <array>
#include <optional>

#include "common/clock.h"
#include "common/status.h"
#include "model/groups.h"
#include "quota/metrics.h"
#include "usage/ledger.h"
#include "usage/periods.h"

namespace edgetally {

class Database;

// The quota period of a counter at `ts` (monthly, on the group's anchor); nullopt for others.
std::optional<PeriodBounds> QuotaPeriod(Metric metric, int64_t ts, const Anchor& anchor);
// The usage_totals bucket a record at `ts` counts in: the quota period's start, 0 for gauges.
int64_t BucketFor(Metric metric, int64_t ts, const Anchor& anchor);
// A bucket's usage as quota checks see it (the offline-truth rule: the server's total unless a
// local reset came after it, plus the local records it has not acknowledged; clamped to
// kMaxQuantity).
int64_t LevelOf(const BucketState& bucket);
// The group's current usage of `metric` at `now`. A non-null `window` is narrowed to the clock
// readings at which the same store would give the same answer (the period, the age in days).
Result<int64_t> CurrentUsage(Database& db, const Group& group, Metric metric, int64_t now,
                             TimeWindow* window = nullptr);
// Every metric's current usage at once (three statements instead of two per metric), indexed
// by Metric: what getGroupQuotas reads.
Result<std::array<int64_t, kAllMetrics.size()>> CurrentUsageAll(Database& db, const Group& group, int64_t now,
                                                                TimeWindow* window = nullptr);

}  // namespace edgetally
