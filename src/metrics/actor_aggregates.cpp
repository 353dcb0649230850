// Actor aggregates: actor_last (latest event per actor, all time), actor_last_days (how many
// actors' latest event is on each day: "active since T" sums it) and actor_days_recent.
#include <map>

#include "metrics/aggregates.h"
#include "metrics/metric_time.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
constexpr const char* kReadLast = "SELECT last_ts FROM actor_last WHERE actor_id = ?1";
constexpr const char* kWriteLast =
    "INSERT INTO actor_last (actor_id, group_id, last_ts) VALUES (?1, ?2, ?3) "
    "ON CONFLICT DO UPDATE SET last_ts = excluded.last_ts";
constexpr const char* kAddLastDay =
    "INSERT INTO actor_last_days (group_id, day, actors) VALUES (?1, ?2, ?3) "
    "ON CONFLICT DO UPDATE SET actors = actors + excluded.actors";
constexpr const char* kAddActorDay =
    "INSERT INTO actor_days_recent (day, actor_id, last_ts) VALUES (?1, ?2, ?3) "
    "ON CONFLICT DO UPDATE SET last_ts = max(last_ts, excluded.last_ts)";

// The latest stored ts of `actor`, or -1.
Result<int64_t> StoredLast(Database& db, int64_t actor) {
  ET_ASSIGN_OR_RETURN(Statement * read, db.Cached(kReadLast));
  read->Bind(1, actor);
  ET_ASSIGN_OR_RETURN(bool found, read->Step());
  int64_t last = found ? read->ColumnInt(0) : -1;
  read->Reset();
  return last;
}
}  // namespace

Status AddActorAggregates(const AggregateScope& scope, const std::vector<LoggedEvent>& events) {
  std::map<int64_t, int64_t> latest;                        // actor -> max ts
  std::map<std::pair<int64_t, int64_t>, int64_t> per_day;   // (day, actor) -> max ts
  for (const LoggedEvent& e : events) {
    if (e.actor_id == 0) continue;
    auto [it, added] = latest.emplace(e.actor_id, e.ts);
    if (!added && e.ts > it->second) it->second = e.ts;
    if (DayOf(e.ts) < scope.detail_day) continue;
    auto [day, fresh] = per_day.emplace(std::make_pair(DayOf(e.ts), e.actor_id), e.ts);
    if (!fresh && e.ts > day->second) day->second = e.ts;
  }
  std::map<int64_t, int64_t> day_moves;  // day -> change in actors whose latest event is on it
  ET_ASSIGN_OR_RETURN(Statement * write, scope.db.Cached(kWriteLast));
  for (const auto& [actor, ts] : latest) {
    ET_ASSIGN_OR_RETURN(int64_t stored, StoredLast(scope.db, actor));
    if (ts <= stored) continue;
    if (stored >= 0) --day_moves[DayOf(stored)];
    ++day_moves[DayOf(ts)];
    write->Bind(1, actor).Bind(2, scope.group_id).Bind(3, ts);
    ET_RETURN_IF_ERROR(write->Run());
  }
  ET_ASSIGN_OR_RETURN(Statement * move, scope.db.Cached(kAddLastDay));
  for (const auto& [day, change] : day_moves) {
    if (change == 0) continue;
    move->Bind(1, scope.group_id).Bind(2, day).Bind(3, change);
    ET_RETURN_IF_ERROR(move->Run());
  }
  ET_ASSIGN_OR_RETURN(Statement * add, scope.db.Cached(kAddActorDay));
  for (const auto& [key, ts] : per_day) {
    add->Bind(1, key.first).Bind(2, key.second).Bind(3, ts);
    ET_RETURN_IF_ERROR(add->Run());
  }
  return Status::Ok();
}

}  // namespace edgetally
