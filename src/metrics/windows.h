// Windows: the read side of the aggregates. Each answers "since T" for any instant T in the
// last kMetricDetailDays days, exactly: whole days from the day tables, the rest of T's day
// from the per-hour rows, and the rest of T's hour from the per-ms rows. Every call reads
// O(days + 24 + events in one hour) rows at most, however many events the store holds.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace edgetally {

class Database;

// Logged events of the group with ts >= since (since: a day start, or within the detail days).
Result<int64_t> CountEventsSince(Database& db, const std::string& group_id, int64_t since);
// Distinct actors of the group with an event at or after `since` (any instant).
Result<int64_t> ActiveActorsSince(Database& db, const std::string& group_id, int64_t since);
// Sum of the group's payment amounts (minor units) on days >= `day`.
Result<int64_t> GroupRevenueSinceDay(Database& db, const std::string& group_id, int64_t day);

struct ScoredThing {
  int64_t id = 0;
  std::string name;
  int64_t score = 0;
};
// The `limit` things of types course/post/video with the highest engagement score over events
// at or after `since` (view 1, like 3, share 4, comment 5; score > 0; ties by id). The group's
// window must start on since's day (SyncWindow).
Result<std::vector<ScoredThing>> TopContent(Database& db, const std::string& group_id, int64_t since,
                                            size_t limit);

}  // namespace edgetally
