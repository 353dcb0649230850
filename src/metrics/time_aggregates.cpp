// Time aggregates: metric_days (all time), metric_hours_recent and metric_times_recent, and the
// detail watermark they share with the other *_recent tables.
#include <algorithm>

#include "metrics/aggregates.h"
#include "metrics/metric_time.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
constexpr const char* kAddDay =
    "INSERT INTO metric_days (group_id, day, events, revenue) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT DO UPDATE SET events = events + excluded.events, revenue = revenue + excluded.revenue";
constexpr const char* kAddHour =
    "INSERT INTO metric_hours_recent (hour, group_id, events) VALUES (?2, ?1, ?3) "
    "ON CONFLICT DO UPDATE SET events = events + excluded.events";
constexpr const char* kAddTime =
    "INSERT INTO metric_times_recent (ts, group_id, events) VALUES (?2, ?1, ?3) "
    "ON CONFLICT DO UPDATE SET events = events + excluded.events";
constexpr const char* kDetailDay = "SELECT detail_day FROM metric_state WHERE id = 1";
constexpr const char* kSetDetailDay = "UPDATE metric_state SET detail_day = ?1 WHERE id = 1";
constexpr const char* kPrune =
    "DELETE FROM metric_hours_recent WHERE hour < ?1 * 24;"
    "DELETE FROM metric_times_recent WHERE ts < ?1 * 86400000;"
    "DELETE FROM actor_days_recent WHERE day < ?1;"
    "DELETE FROM engagement_days_recent WHERE day < ?1;"
    "DELETE FROM engagement_times_recent WHERE day < ?1;";

// One upsert per run of events with the same key(ts), from position `from` on.
template <typename Key>
Status UpsertRuns(Database& db, const char* sql, const std::string& group_id, const StoredEvents& events,
                  size_t from, Key key) {
  ET_ASSIGN_OR_RETURN(Statement * add, db.Cached(sql));
  for (size_t at = from; at < events.size();) {
    int64_t value = key(events[at].ts), count = 0;
    for (; at < events.size() && key(events[at].ts) == value; ++at) ++count;
    add->Bind(1, group_id).Bind(2, value).Bind(3, count);
    ET_RETURN_IF_ERROR(add->Run());
  }
  return Status::Ok();
}
}  // namespace

Status AddTimeAggregates(const AggregateScope& scope, const StoredEvents& events) {
  ET_ASSIGN_OR_RETURN(Statement * add, scope.db.Cached(kAddDay));
  for (size_t at = 0; at < events.size();) {  // ts never decreases: one run per day
    int64_t day = DayOf(events[at].ts), count = 0, revenue = 0;
    for (; at < events.size() && DayOf(events[at].ts) == day; ++at) {
      ++count;
      if (events[at].kind == EventKind::Payment) revenue += events[at].amount;
    }
    add->Bind(1, scope.group_id).Bind(2, day).Bind(3, count).Bind(4, revenue);
    ET_RETURN_IF_ERROR(add->Run());
  }
  size_t detail = FirstOnDay(events, scope.detail_day);
  ET_RETURN_IF_ERROR(UpsertRuns(scope.db, kAddHour, scope.group_id, events, detail, HourOf));
  return UpsertRuns(scope.db, kAddTime, scope.group_id, events, detail, [](int64_t ts) { return ts; });
}

size_t FirstOnDay(const StoredEvents& events, int64_t day) {
  auto first = std::lower_bound(events.begin(), events.end(), day * kDayMs,
                                [](const StoredEvent& e, int64_t ts) { return e.ts < ts; });
  return static_cast<size_t>(first - events.begin());
}

Result<int64_t> DetailDay(Database& db) {
  ET_ASSIGN_OR_RETURN(Statement * read, db.Cached(kDetailDay));
  return read->ReadInt();
}

Result<int64_t> PruneDetail(Database& db, int64_t now) {
  ET_ASSIGN_OR_RETURN(int64_t stored, DetailDay(db));
  int64_t wanted = DayOf(now) - kMetricDetailDays;
  if (wanted <= stored) return stored;
  std::string day = std::to_string(wanted);
  std::string sql = kPrune;
  for (size_t at = sql.find("?1"); at != std::string::npos; at = sql.find("?1", at)) sql.replace(at, 2, day);
  ET_RETURN_IF_ERROR(db.Exec(sql));
  ET_ASSIGN_OR_RETURN(Statement * set, db.Cached(kSetDetailDay));
  set->Bind(1, wanted);
  ET_RETURN_IF_ERROR(set->Run());
  return wanted;
}

}  // namespace edgetally
