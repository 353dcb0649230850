// Aggregates: the tables every metric reads, kept in the same transaction as the events they
// summarise (schema: store/migrations.cpp, kStepMetricAggregates). Each Add* function folds a
// call's events in memory first, then writes one upsert per distinct key, so a batch of N
// events costs O(distinct days, actors, targets), not O(N) upserts per table. They read the
// call's events as StoredEvents in id order, which is (ts, input order): time keys come in runs,
// the other keys are sorted in flat vectors (no tree of nodes per key), and each table is
// written in key order.
//   time_aggregates.cpp    events and revenue per group-day (all time); per hour and per ms
//                          for the recent days the window boundaries fall in
//   actor_aggregates.cpp   each actor's latest event, how many actors' latest event fell on
//                          each day, each actor's latest event per recent day
//   target_aggregates.cpp  per-target totals and payments per day, the same per creator
//                          (content = things the creator links to with 'created'), follows
//   engagement.cpp         per recent day and ms per target, and the 30-day window per target
// Archiving an event row deletes nothing here: every all-time total keeps its contribution.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace edgetally {

class Database;

struct AggregateScope {
  Database& db;
  const std::string& group_id;
  int64_t detail_day;  // events on this day or later get per-hour/per-ms detail
  int64_t window_day;  // events on this day or later count in the engagement window
};

// The types the aggregates tell apart (refund and every other type only count as events).
enum class EventKind : uint8_t { Other, View, Like, Comment, Share, Follow, Unfollow, Payment };
EventKind KindOf(std::string_view type);

// What the aggregates read of one stored event.
struct StoredEvent {
  int64_t ts;
  int64_t actor_id;   // 0: none
  int64_t target_id;  // 0: none
  int64_t amount;     // 0 when absent
  EventKind kind;
};
// One call's stored events in id order: ts never decreases along it, and of two events with the
// same ts the later one has the higher id.
using StoredEvents = std::vector<StoredEvent>;
// The position of the first of `events` on `day` or later (events.size() if none).
size_t FirstOnDay(const StoredEvents& events, int64_t day);

// Engagement weight of a type: view 1, like 3, share 4, comment 5, anything else 0.
int64_t EngagementWeight(std::string_view type);
int64_t EngagementWeight(EventKind kind);

Status AddTimeAggregates(const AggregateScope& scope, const StoredEvents& events);
Status AddActorAggregates(const AggregateScope& scope, const StoredEvents& events);
Status AddTargetAggregates(const AggregateScope& scope, const StoredEvents& events);
// Follow state per (target, actor): the event with the latest (ts, id) decides.
Status AddFollows(const AggregateScope& scope, const StoredEvents& events);
Status AddEngagement(const AggregateScope& scope, const StoredEvents& events);

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
