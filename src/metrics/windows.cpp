// Windows: sums over the aggregate tables.
#include "metrics/windows.h"

#include <algorithm>

#include "metrics/metric_time.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
constexpr const char* kDaysFrom = "SELECT sum(events) FROM metric_days WHERE group_id = ?1 AND day >= ?2";
constexpr const char* kHoursIn =
    "SELECT sum(events) FROM metric_hours_recent WHERE hour >= ?2 AND hour < ?3 AND group_id = ?1";
constexpr const char* kTimesIn =
    "SELECT sum(events) FROM metric_times_recent WHERE ts >= ?2 AND ts < ?3 AND group_id = ?1";
constexpr const char* kLastDaysFrom = "SELECT sum(actors) FROM actor_last_days WHERE group_id = ?1 AND day >= ?2";
constexpr const char* kLastIn =
    "SELECT count(*) FROM actor_last WHERE group_id = ?1 AND last_ts >= ?2 AND last_ts < ?3";
constexpr const char* kRevenueFrom = "SELECT sum(revenue) FROM metric_days WHERE group_id = ?1 AND day >= ?2";
constexpr const char* kRanked =
    "SELECT target_id, score FROM engagement_window WHERE group_id = ?1 ORDER BY score DESC, target_id";
constexpr const char* kThing = "SELECT type, name FROM things WHERE id = ?1";
constexpr const char* kDayScore =
    "SELECT score FROM engagement_days_recent WHERE day = ?1 AND group_id = ?2 AND target_id = ?3";
constexpr const char* kScoreFrom =
    "SELECT sum(score) FROM engagement_times_recent WHERE day = ?1 AND target_id = ?2 AND ts >= ?3";

// Runs a one-row aggregate with (text, int[, int]) parameters; NULL reads as 0.
Result<int64_t> SumOf(Database& db, const char* sql, const std::string& group, int64_t a, int64_t b = 0) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(sql));
  stmt->Bind(1, group).Bind(2, a).Bind(3, b);
  return stmt->ReadInt();
}
}  // namespace

Result<int64_t> CountEventsSince(Database& db, const std::string& group_id, int64_t since) {
  int64_t day = DayOf(since), hour = HourOf(since);
  if (since == day * kDayMs) return SumOf(db, kDaysFrom, group_id, day);
  ET_ASSIGN_OR_RETURN(int64_t days, SumOf(db, kDaysFrom, group_id, day + 1));
  ET_ASSIGN_OR_RETURN(int64_t hours, SumOf(db, kHoursIn, group_id, hour + 1, (day + 1) * 24));
  ET_ASSIGN_OR_RETURN(int64_t times, SumOf(db, kTimesIn, group_id, since, (hour + 1) * kHourMs));
  return days + hours + times;
}

Result<int64_t> ActiveActorsSince(Database& db, const std::string& group_id, int64_t since) {
  int64_t day = DayOf(since);
  ET_ASSIGN_OR_RETURN(int64_t days, SumOf(db, kLastDaysFrom, group_id, day + 1));
  ET_ASSIGN_OR_RETURN(int64_t partial, SumOf(db, kLastIn, group_id, since, (day + 1) * kDayMs));
  return days + partial;
}

Result<int64_t> GroupRevenueSinceDay(Database& db, const std::string& group_id, int64_t day) {
  return SumOf(db, kRevenueFrom, group_id, day);
}

namespace {
// The exact score since `since` of a target whose window score (whole days from since's day)
// is `window_score`: take away since's day, add back its part at or after `since`.
Result<int64_t> ExactScore(Database& db, const std::string& group_id, int64_t target, int64_t window_score,
                           int64_t since) {
  int64_t day = DayOf(since);
  ET_ASSIGN_OR_RETURN(Statement * day_score, db.Cached(kDayScore));
  day_score->Bind(1, day).Bind(2, group_id).Bind(3, target);
  ET_ASSIGN_OR_RETURN(bool found, day_score->Step());
  int64_t whole_day = found ? day_score->ColumnInt(0) : 0;
  day_score->Reset();
  if (whole_day == 0) return window_score;
  ET_ASSIGN_OR_RETURN(Statement * part, db.Cached(kScoreFrom));
  part->Bind(1, day).Bind(2, target).Bind(3, since);
  ET_RETURN_IF_ERROR(part->Step().status());
  int64_t partial = part->ColumnInt(0);
  part->Reset();
  return window_score - whole_day + partial;
}

bool Before(const ScoredThing& a, const ScoredThing& b) {
  return a.score != b.score ? a.score > b.score : a.id < b.id;
}

Result<bool> IsContent(Database& db, int64_t id, std::string* name) {
  ET_ASSIGN_OR_RETURN(Statement * thing, db.Cached(kThing));
  thing->Bind(1, id);
  ET_ASSIGN_OR_RETURN(bool found, thing->Step());
  std::string type = found ? thing->ColumnText(0) : "";
  if (found) *name = thing->ColumnText(1);
  thing->Reset();
  return type == "course" || type == "post" || type == "video";
}
}  // namespace

Result<std::vector<ScoredThing>> TopContent(Database& db, const std::string& group_id, int64_t since,
                                            size_t limit) {
  // Window scores bound exact scores from above, so walking them in order can stop as soon as
  // the next bound cannot beat the last of `limit` exact scores.
  std::vector<ScoredThing> top;
  ET_ASSIGN_OR_RETURN(Statement * ranked, db.Cached(kRanked));
  ranked->Bind(1, group_id);
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, ranked->Step());
    if (!row) break;
    ScoredThing bound{ranked->ColumnInt(0), "", ranked->ColumnInt(1)};
    if (top.size() == limit && !Before(bound, top.back())) break;
    ET_ASSIGN_OR_RETURN(bool content, IsContent(db, bound.id, &bound.name));
    if (!content) continue;
    ET_ASSIGN_OR_RETURN(bound.score, ExactScore(db, group_id, bound.id, bound.score, since));
    if (bound.score <= 0) continue;
    top.insert(std::upper_bound(top.begin(), top.end(), bound, Before), bound);
    if (top.size() > limit) top.pop_back();
  }
  ranked->Reset();
  return top;
}

}  // namespace edgetally
