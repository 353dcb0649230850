// Computed: the reference's getCreatorStats (11 metrics) and getGroupMetrics (15 metrics), as
// plain structs computed from the aggregates (never from the raw events), so every call reads
// O(days + types + a few rows) and gives the same answer after the events are archived.
// Definitions (README "Metrics" states them the same way): now = engine clock; monthStart =
// start of the current month (UTC, or the group's billing anchor); dayStart = today's start;
// 7d/30d windows are ts >= now - 7/30 days; money is summed in minor units and reported in
// major units (/ 100).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "metrics/windows.h"
#include "model/groups.h"
#include "model/things.h"

namespace edgetally {

class Database;

struct CreatorStats {
  int64_t total_followers = 0;  // actors whose latest follow/unfollow on the creator is a follow
  int64_t total_content = 0;    // things the creator links to with a 'created' connection
  double total_revenue = 0;     // payments on the content, all time, major units
  double revenue_this_month = 0;
  int64_t total_views = 0, total_likes = 0, total_comments = 0;  // on the content
  double engagement_rate = 0;   // (likes + comments) / views, 4 decimals, 0 without views
  std::optional<int64_t> last_active;  // latest ts of an event with the creator as actor
  double avg_revenue_per_content = 0;  // 2 decimals, 0 without content
  int64_t active_days_30 = 0;          // distinct days in the last 30 with an event by the creator
};

struct GroupMetrics {
  int64_t total_entities = 0;
  std::vector<std::pair<std::string, int64_t>> entities_by_type;
  int64_t total_connections = 0;
  int64_t active_users = 0, active_users_7d = 0;
  int64_t events_today = 0, events_7d = 0, events_30d = 0, events_prev_30d = 0;
  double storage_used_mb = 0;  // bytes of stored properties / 2^20, 2 decimals
  double revenue_this_month = 0;
  std::vector<ScoredThing> top_content_by_engagement;
  bool trending_up = true;
  double trend_pct = 0;
  double events_per_active_user_30d = 0;
};

// A creator thing and its group's billing anchor (which gives monthStart), read together.
struct CreatorRow {
  Thing thing;
  Anchor anchor;
};
// The thing `id` with its group's anchor, or nullopt when there is no such thing.
Result<std::optional<CreatorRow>> ReadCreator(Database& db, int64_t id);
// The stats of creator `creator_id` at `now`, monthStart from `anchor`.
Result<CreatorStats> ComputeCreatorStats(Database& db, int64_t creator_id, const Anchor& anchor, int64_t now);
// Whether the group's engagement window must move to `now` (the day changed since it last
// moved) before ComputeGroupMetrics can read it.
Result<bool> EngagementWindowDue(Database& db, const std::string& group_id, int64_t now);
// Moves it: a write, so the caller runs it in its unit of work (api/unit_of_work.h).
Status MoveEngagementWindow(Database& db, const std::string& group_id, int64_t now);
// Reads every group metric; the engagement window must be current (Internal otherwise).
Result<GroupMetrics> ComputeGroupMetrics(Database& db, const Group& group, int64_t now);

}  // namespace edgetally
