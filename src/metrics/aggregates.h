// Aggregates: the tables every metric reads, kept in the same transaction as the events they
// summarise (schema: store/migrations.cpp, kStepMetricAggregates). Each Add* function folds a
// call's events in memory first, then writes one upsert per distinct key, so a batch of N
// events costs O(distinct days, actors, targets), not O(N) upserts per table.
//   time_aggregates.cpp    events and revenue per group-day (all time); per hour and per ms
//                          for the recent days the window boundaries fall in
//   actor_aggregates.cpp   each actor's latest event, how many actors' latest event fell on
//                          each day, each actor's latest event per recent day
//   target_aggregates.cpp  per-target totals and payments per day, the same per creator
//                          (content = things the creator links to with 'created'), follows
//   engagement.cpp         per recent day and ms per target, and the 30-day window per target
// Archiving an event row deletes nothing here: every all-time total keeps its contribution.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "metrics/event_input.h"

namespace edgetally {

class Database;

struct AggregateScope {
  Database& db;
  const std::string& group_id;
  int64_t detail_day;  // events on this day or later get per-hour/per-ms detail
  int64_t window_day;  // events on this day or later count in the engagement window
};

// Engagement weight of a type: view 1, like 3, share 4, comment 5, anything else 0.
int64_t EngagementWeight(std::string_view type);

Status AddTimeAggregates(const AggregateScope& scope, const std::vector<LoggedEvent>& events);
Status AddActorAggregates(const AggregateScope& scope, const std::vector<LoggedEvent>& events);
Status AddTargetAggregates(const AggregateScope& scope, const std::vector<LoggedEvent>& events);
// Follow state per (target, actor): the event with the latest (ts, id) decides. Needs ids.
Status AddFollows(const AggregateScope& scope, const std::vector<LoggedEvent>& events);
Status AddEngagement(const AggregateScope& scope, const std::vector<LoggedEvent>& events);

// Drops detail older than kMetricDetailDays before `now` (all groups) and returns the first day
// that still has detail. The day only moves forward.
Result<int64_t> PruneDetail(Database& db, int64_t now);

// Moves the group's engagement window to start on the day of now - 30 days (subtracting the
// days that left it, or adding back days if the clock went back; rebuilt from the recent
// detail after a long pause) and returns that day. In the caller's transaction.
Result<int64_t> SyncWindow(Database& db, const std::string& group_id, int64_t now, int64_t detail_day);
// The window's current first day (-1 if the group never had one).
Result<int64_t> WindowDay(Database& db, const std::string& group_id);
// The first day with detail.
Result<int64_t> DetailDay(Database& db);

}  // namespace edgetally
