// Engagement aggregates: engagement_days_recent, engagement_times_recent and the per-group
// window (engagement_window, metric_groups.window_day) the 30-day top content reads.
#include <cstdlib>
#include <map>
#include <tuple>

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

Status AddEngagement(const AggregateScope& scope, const std::vector<LoggedEvent>& events) {
  std::map<std::pair<int64_t, int64_t>, int64_t> days;                 // (day, target)
  std::map<std::tuple<int64_t, int64_t, int64_t>, int64_t> times;      // (day, target, ts)
  std::map<int64_t, int64_t> window;                                   // target
  for (const LoggedEvent& e : events) {
    int64_t weight = EngagementWeight(e.type);
    if (weight == 0 || e.target_id == 0 || DayOf(e.ts) < scope.detail_day) continue;
    days[{DayOf(e.ts), e.target_id}] += weight;
    times[{DayOf(e.ts), e.target_id, e.ts}] += weight;
    if (DayOf(e.ts) >= scope.window_day) window[e.target_id] += weight;
  }
  ET_ASSIGN_OR_RETURN(Statement * add_day, scope.db.Cached(kAddDay));
  for (const auto& [key, score] : days) {
    add_day->Bind(1, key.first).Bind(2, scope.group_id).Bind(3, key.second).Bind(4, score);
    ET_RETURN_IF_ERROR(add_day->Run());
  }
  ET_ASSIGN_OR_RETURN(Statement * add_time, scope.db.Cached(kAddTime));
  for (const auto& [key, score] : times) {
    add_time->Bind(1, std::get<0>(key)).Bind(2, std::get<1>(key)).Bind(3, std::get<2>(key)).Bind(4, score);
    ET_RETURN_IF_ERROR(add_time->Run());
  }
  ET_ASSIGN_OR_RETURN(Statement * add_window, scope.db.Cached(kAddWindow));
  for (const auto& [target, score] : window) {
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
