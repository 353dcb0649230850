// Computed: creator stats and group metrics from the aggregate tables.
#include "metrics/computed.h"

#include "metrics/aggregates.h"
#include "metrics/metric_time.h"
#include "model/group_stats.h"
#include "store/database.h"
#include "store/statement.h"
#include "usage/periods.h"

namespace edgetally {

namespace {
constexpr const char* kCreatorTotals =
    "SELECT views, likes, comments, revenue FROM creator_totals WHERE creator_id = ?1";
constexpr const char* kFollowers = "SELECT followers FROM target_totals WHERE target_id = ?1";
constexpr const char* kContent = "SELECT count(*) FROM connections WHERE from_id = ?1 AND type = 'created'";
constexpr const char* kCreatorRevenueFrom =
    "SELECT sum(amount) FROM creator_revenue_days WHERE creator_id = ?1 AND day >= ?2";
constexpr const char* kLastActive = "SELECT last_ts FROM actor_last WHERE actor_id = ?1";

// A one-row, one-column read with integer parameters; `found` tells a missing row from 0.
Result<int64_t> ReadInt(Database& db, const char* sql, int64_t a, int64_t b = 0, bool* found = nullptr) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(sql));
  stmt->Bind(1, a).Bind(2, b);
  ET_ASSIGN_OR_RETURN(bool row, stmt->Step());
  int64_t value = row ? stmt->ColumnInt(0) : 0;
  if (found) *found = row && !stmt->ColumnIsNull(0);
  stmt->Reset();
  return value;
}

double Major(int64_t minor) { return static_cast<double>(minor) / 100.0; }

int64_t MonthStart(const Group& group, int64_t now) { return BoundsAt(Period::Monthly, now, group.anchor).start; }

Status ReadCreatorTotals(Database& db, int64_t creator, CreatorStats* s, int64_t* revenue) {
  ET_ASSIGN_OR_RETURN(Statement * totals, db.Cached(kCreatorTotals));
  totals->Bind(1, creator);
  ET_ASSIGN_OR_RETURN(bool found, totals->Step());
  if (found) {
    s->total_views = totals->ColumnInt(0);
    s->total_likes = totals->ColumnInt(1);
    s->total_comments = totals->ColumnInt(2);
    *revenue = totals->ColumnInt(3);
  }
  totals->Reset();
  return Status::Ok();
}

}  // namespace

Result<bool> EngagementWindowDue(Database& db, const std::string& group_id, int64_t now) {
  ET_ASSIGN_OR_RETURN(int64_t stored, WindowDay(db, group_id));
  return stored != DayOf(now - 30 * kDayMs);
}

Status MoveEngagementWindow(Database& db, const std::string& group_id, int64_t now) {
  ET_ASSIGN_OR_RETURN(int64_t detail_day, DetailDay(db));
  return SyncWindow(db, group_id, now, detail_day).status();
}

Result<CreatorStats> ComputeCreatorStats(Database& db, const Thing& creator, const Group& group, int64_t now) {
  CreatorStats s;
  int64_t revenue = 0;
  ET_RETURN_IF_ERROR(ReadCreatorTotals(db, creator.id, &s, &revenue));
  ET_ASSIGN_OR_RETURN(s.total_followers, ReadInt(db, kFollowers, creator.id));
  ET_ASSIGN_OR_RETURN(s.total_content, ReadInt(db, kContent, creator.id));
  ET_ASSIGN_OR_RETURN(int64_t month, ReadInt(db, kCreatorRevenueFrom, creator.id, DayOf(MonthStart(group, now))));
  bool active = false;
  ET_ASSIGN_OR_RETURN(int64_t last, ReadInt(db, kLastActive, creator.id, 0, &active));
  if (active) s.last_active = last;
  ET_ASSIGN_OR_RETURN(s.active_days_30, ActiveDaysSince(db, creator.id, now - 30 * kDayMs, now));
  s.total_revenue = Major(revenue);
  s.revenue_this_month = Major(month);
  if (s.total_views > 0) {
    s.engagement_rate = RoundTo(static_cast<double>(s.total_likes + s.total_comments) / s.total_views, 4);
  }
  if (s.total_content > 0) s.avg_revenue_per_content = RoundTo(Major(revenue) / s.total_content, 2);
  return s;
}

Result<GroupMetrics> ComputeGroupMetrics(Database& db, const Group& group, int64_t now) {
  ET_ASSIGN_OR_RETURN(bool due, EngagementWindowDue(db, group.id, now));
  if (due) return Status(ErrorCode::Internal, "the engagement window was not moved to now first");
  GroupMetrics m;
  ET_ASSIGN_OR_RETURN(EntityStats entities, ReadEntityStats(db, group.id));
  m.total_entities = entities.things;
  m.entities_by_type = std::move(entities.by_type);
  m.total_connections = entities.connections;
  m.storage_used_mb = RoundTo(static_cast<double>(entities.property_bytes) / (1024.0 * 1024.0), 2);
  ET_ASSIGN_OR_RETURN(m.active_users, ActiveActorsSince(db, group.id, now - 30 * kDayMs));
  ET_ASSIGN_OR_RETURN(m.active_users_7d, ActiveActorsSince(db, group.id, now - 7 * kDayMs));
  ET_ASSIGN_OR_RETURN(m.events_today, CountEventsSince(db, group.id, DayOf(now) * kDayMs));
  ET_ASSIGN_OR_RETURN(m.events_7d, CountEventsSince(db, group.id, now - 7 * kDayMs));
  ET_ASSIGN_OR_RETURN(m.events_30d, CountEventsSince(db, group.id, now - 30 * kDayMs));
  ET_ASSIGN_OR_RETURN(int64_t events_60d, CountEventsSince(db, group.id, now - 60 * kDayMs));
  m.events_prev_30d = events_60d - m.events_30d;
  ET_ASSIGN_OR_RETURN(int64_t revenue, GroupRevenueSinceDay(db, group.id, DayOf(MonthStart(group, now))));
  m.revenue_this_month = Major(revenue);
  ET_ASSIGN_OR_RETURN(m.top_content_by_engagement, TopContent(db, group.id, now - 30 * kDayMs, 5));
  m.trending_up = m.events_30d >= m.events_prev_30d;
  if (m.events_prev_30d > 0) {
    m.trend_pct = RoundTo(static_cast<double>(m.events_30d - m.events_prev_30d) / m.events_prev_30d * 100.0, 2);
  }
  if (m.active_users > 0) m.events_per_active_user_30d = RoundTo(static_cast<double>(m.events_30d) / m.active_users, 2);
  return m;
}

}  // namespace edgetally
