// Engagement aggregates: engagement_days_recent, engagement_times_recent and the per-group
// window (engagement_window, metric_groups.window_day) the 30-day top content reads.
#include <algorithm>
#include <cstdlib>
#include <tuple>
#include <utility>
#include <vector>

#include "metrics/aggregates.h"
#include "metrics/metric_time.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
constexpr int64_t kMaxStepDays = 7;  // a longer move rebuilds the window from the detail
constexpr const char* kAddDay =
    "INSERT INTO engagement_days_recent (day, group_id, target_id, score) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT DO UPDATE SET score = score + excluded.score";
constexpr const char* kAddTime =
    "INSERT INTO engagement_times_recent (day, target_id, ts, score) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT DO UPDATE SET score = score + excluded.score";
constexpr const char* kAddWindow =
    "INSERT INTO engagement_window (target_id, group_id, score) VALUES (?1, ?2, ?3) "
    "ON CONFLICT DO UPDATE SET score = score + excluded.score";
constexpr const char* kWindowDay = "SELECT window_day FROM metric_groups WHERE group_id = ?1";
constexpr const char* kSetWindowDay =
    "INSERT INTO metric_groups (group_id, window_day) VALUES (?1, ?2) "
    "ON CONFLICT DO UPDATE SET window_day = excluded.window_day";
constexpr const char* kAddDays =
    "INSERT INTO engagement_window (target_id, group_id, score) "
    "SELECT target_id, ?1, sum(score) FROM engagement_days_recent "
    "WHERE day >= ?2 AND day < ?3 AND group_id = ?1 GROUP BY target_id "
    "ON CONFLICT DO UPDATE SET score = score + excluded.score";
constexpr const char* kSubtractDays =
    "UPDATE engagement_window SET score = engagement_window.score - d.score FROM ("
    "SELECT target_id, sum(score) AS score FROM engagement_days_recent "
    "WHERE day >= ?2 AND day < ?3 AND group_id = ?1 GROUP BY target_id) AS d "
    "WHERE engagement_window.target_id = d.target_id";
constexpr const char* kDropEmpty = "DELETE FROM engagement_window WHERE group_id = ?1 AND score <= 0";
constexpr const char* kClear = "DELETE FROM engagement_window WHERE group_id = ?1";

Status RunRange(Database& db, const char* sql, const std::string& group_id, int64_t from, int64_t to) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(sql));
  stmt->Bind(1, group_id).Bind(2, from).Bind(3, to);
  return stmt->Run();
}

Status RunGroup(Database& db, const char* sql, const std::string& group_id) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(sql));
  stmt->Bind(1, group_id);
  return stmt->Run();
}
}  // namespace

int64_t EngagementWeight(std::string_view type) {
  if (type == "view") return 1;
  if (type == "like") return 3;
  if (type == "share") return 4;
  if (type == "comment") return 5;
  return 0;
}

int64_t EngagementWeight(EventKind kind) {
  switch (kind) {
    case EventKind::View: return 1;
    case EventKind::Like: return 3;
    case EventKind::Share: return 4;
    case EventKind::Comment: return 5;
    default: return 0;
  }
}

Status AddEngagement(const AggregateScope& scope, const StoredEvents& events) {
  struct Hit {
    int64_t day, target, ts, weight;
    bool operator<(const Hit& o) const { return std::tie(day, target, ts) < std::tie(o.day, o.target, o.ts); }
    bool SameDayTarget(const Hit& o) const { return day == o.day && target == o.target; }
  };
  std::vector<Hit> hits;  // recent days only
  for (size_t at = FirstOnDay(events, scope.detail_day); at < events.size(); ++at) {
    const StoredEvent& e = events[at];
    int64_t weight = EngagementWeight(e.kind);
    if (weight != 0 && e.target_id != 0) hits.push_back(Hit{DayOf(e.ts), e.target_id, e.ts, weight});
  }
  std::sort(hits.begin(), hits.end());
  ET_ASSIGN_OR_RETURN(Statement * add_day, scope.db.Cached(kAddDay));
  ET_ASSIGN_OR_RETURN(Statement * add_time, scope.db.Cached(kAddTime));
  std::vector<std::pair<int64_t, int64_t>> window;  // (target, a day's score) from window_day on
  for (size_t at = 0; at < hits.size();) {
    const Hit first = hits[at];
    int64_t day_score = 0;
    while (at < hits.size() && hits[at].SameDayTarget(first)) {  // one run per ts within the day
      int64_t ts = hits[at].ts, score = 0;
      for (; at < hits.size() && hits[at].SameDayTarget(first) && hits[at].ts == ts; ++at) score += hits[at].weight;
      add_time->Bind(1, first.day).Bind(2, first.target).Bind(3, ts).Bind(4, score);
      ET_RETURN_IF_ERROR(add_time->Run());
      day_score += score;
    }
    add_day->Bind(1, first.day).Bind(2, scope.group_id).Bind(3, first.target).Bind(4, day_score);
    ET_RETURN_IF_ERROR(add_day->Run());
    if (first.day >= scope.window_day) window.emplace_back(first.target, day_score);
  }
  std::sort(window.begin(), window.end());
  ET_ASSIGN_OR_RETURN(Statement * add_window, scope.db.Cached(kAddWindow));
  for (size_t at = 0; at < window.size();) {
    int64_t target = window[at].first, score = 0;
    for (; at < window.size() && window[at].first == target; ++at) score += window[at].second;
    add_window->Bind(1, target).Bind(2, scope.group_id).Bind(3, score);
    ET_RETURN_IF_ERROR(add_window->Run());
  }
  return Status::Ok();
}

Result<int64_t> WindowDay(Database& db, const std::string& group_id) {
  ET_ASSIGN_OR_RETURN(Statement * read, db.Cached(kWindowDay));
  read->Bind(1, group_id);
  ET_ASSIGN_OR_RETURN(bool found, read->Step());
  int64_t day = found ? read->ColumnInt(0) : -1;
  read->Reset();
  return day;
}

Result<int64_t> SyncWindow(Database& db, const std::string& group_id, int64_t now, int64_t detail_day) {
  int64_t wanted = DayOf(now - 30 * kDayMs);
  ET_ASSIGN_OR_RETURN(int64_t stored, WindowDay(db, group_id));
  if (stored == wanted) return wanted;
  if (stored < detail_day || std::llabs(wanted - stored) > kMaxStepDays) {
    ET_RETURN_IF_ERROR(RunGroup(db, kClear, group_id));
    ET_RETURN_IF_ERROR(RunRange(db, kAddDays, group_id, wanted, INT64_MAX));
  } else if (stored < wanted) {
    ET_RETURN_IF_ERROR(RunRange(db, kSubtractDays, group_id, stored, wanted));
    ET_RETURN_IF_ERROR(RunGroup(db, kDropEmpty, group_id));
  } else {
    ET_RETURN_IF_ERROR(RunRange(db, kAddDays, group_id, wanted, stored));
  }
  ET_ASSIGN_OR_RETURN(Statement * set, db.Cached(kSetWindowDay));
  set->Bind(1, group_id).Bind(2, wanted);
  ET_RETURN_IF_ERROR(set->Run());
  return wanted;
}

}  // namespace edgetally
