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
// Every creator figure in one statement (one bind/step/reset instead of six): the creator's
// totals row, its followers, its content count, payments since monthStart's day (?2), its
// latest event as an actor, and its active days: the distinct UTC days with an event by it at
// or after since (within the detail days, looking up to a day past now): days after since's day
// ?3 up to ?4 from one range of the (actor_id, day) index, plus since's own day when its latest
// event that day is at or after since ?5. Missing rows and empty sums read as NULL.
constexpr const char* kCreatorFigures =
    "SELECT ct.views, ct.likes, ct.comments, ct.revenue, "
    "(SELECT followers FROM target_totals WHERE target_id = ?1), "
    "(SELECT count(*) FROM connections WHERE from_id = ?1 AND type = 'created'), "
    "(SELECT sum(amount) FROM creator_revenue_days WHERE creator_id = ?1 AND day >= ?2), "
    "(SELECT last_ts FROM actor_last WHERE actor_id = ?1), "
    "(SELECT count(*) FROM actor_days_recent INDEXED BY actor_days_recent_by_actor "
    "WHERE actor_id = ?1 AND day > ?3 AND day <= ?4) + "
    "EXISTS (SELECT 1 FROM actor_days_recent WHERE day = ?3 AND actor_id = ?1 AND last_ts >= ?5) "
    "FROM (SELECT 1) LEFT JOIN creator_totals ct ON ct.creator_id = ?1";

constexpr const char* kCreatorThing =
    "SELECT t.id, t.group_id, t.type, t.name, t.status, t.properties, t.created_at, t.updated_at, "
    "g.anchor_day, g.anchor_month FROM things t JOIN groups g ON g.id = t.group_id WHERE t.id = ?1";

double Major(int64_t minor) { return static_cast<double>(minor) / 100.0; }

int64_t MonthStart(const Anchor& anchor, int64_t now) { return BoundsAt(Period::Monthly, now, anchor).start; }

}  // namespace

Result<bool> EngagementWindowDue(Database& db, const std::string& group_id, int64_t now) {
  ET_ASSIGN_OR_RETURN(int64_t stored, WindowDay(db, group_id));
  return stored != DayOf(now - 30 * kDayMs);
}

Status MoveEngagementWindow(Database& db, const std::string& group_id, int64_t now) {
  ET_ASSIGN_OR_RETURN(int64_t detail_day, DetailDay(db));
  return SyncWindow(db, group_id, now, detail_day).status();
}

Result<std::optional<CreatorRow>> ReadCreator(Database& db, int64_t id) {
  ET_ASSIGN_OR_RETURN(Statement * row, db.Cached(kCreatorThing));
  row->Bind(1, id);
  ET_ASSIGN_OR_RETURN(bool found, row->Step());
  std::optional<CreatorRow> out;
  if (found) {
    out = CreatorRow{{row->ColumnInt(0), row->ColumnText(1), row->ColumnText(2), row->ColumnText(3), row->ColumnText(4),
                      row->ColumnText(5), row->ColumnInt(6), row->ColumnInt(7)},
                     Anchor{static_cast<int>(row->ColumnInt(8)), static_cast<int>(row->ColumnInt(9))}};
  }
  row->Reset();
  return out;
}

Result<CreatorStats> ComputeCreatorStats(Database& db, int64_t creator_id, const Anchor& anchor, int64_t now) {
  CreatorStats s;
  const int64_t since = now - 30 * kDayMs;
  ET_ASSIGN_OR_RETURN(Statement * row, db.Cached(kCreatorFigures));
  row->Bind(1, creator_id).Bind(2, DayOf(MonthStart(anchor, now))).Bind(3, DayOf(since)).Bind(4, DayOf(now) + 1);
  row->Bind(5, since);
  ET_ASSIGN_OR_RETURN(bool found, row->Step());
  if (!found) return Status(ErrorCode::Internal, "creator figures: no row");
  s.total_views = row->ColumnInt(0);
  s.total_likes = row->ColumnInt(1);
  s.total_comments = row->ColumnInt(2);
  int64_t revenue = row->ColumnInt(3);
  s.total_followers = row->ColumnInt(4);
  s.total_content = row->ColumnInt(5);
  int64_t month = row->ColumnInt(6);
  if (!row->ColumnIsNull(7)) s.last_active = row->ColumnInt(7);
  s.active_days_30 = row->ColumnInt(8);
  row->Reset();
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
  ET_ASSIGN_OR_RETURN(int64_t revenue, GroupRevenueSinceDay(db, group.id, DayOf(MonthStart(group.anchor, now))));
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
