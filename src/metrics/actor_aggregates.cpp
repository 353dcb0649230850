// Actor aggregates: actor_last (latest event per actor, all time), actor_last_days (how many
// actors' latest event is on each day: "active since T" sums it) and actor_days_recent.
#include <algorithm>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

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

// `rows` sorted, then the last row of each run with the same key(row): the row with the largest
// trailing value (ts) per key, in key order.
template <typename Row, typename Key>
std::vector<Row> LatestPerKey(std::vector<Row> rows, Key key) {
  std::sort(rows.begin(), rows.end());
  std::vector<Row> out;
  for (size_t at = 0; at < rows.size(); ++at) {
    if (at + 1 == rows.size() || key(rows[at + 1]) != key(rows[at])) out.push_back(rows[at]);
  }
  return out;
}
}  // namespace

Status AddActorAggregates(const AggregateScope& scope, const StoredEvents& events) {
  using ActorTs = std::pair<int64_t, int64_t>;             // (actor, ts)
  using DayActorTs = std::tuple<int64_t, int64_t, int64_t>;  // (day, actor, ts), recent days only
  std::vector<ActorTs> seen;
  std::vector<DayActorTs> seen_recent;
  seen.reserve(events.size());
  size_t detail = FirstOnDay(events, scope.detail_day);
  for (size_t at = 0; at < events.size(); ++at) {
    const StoredEvent& e = events[at];
    if (e.actor_id == 0) continue;
    seen.emplace_back(e.actor_id, e.ts);
    if (at >= detail) seen_recent.emplace_back(DayOf(e.ts), e.actor_id, e.ts);
  }
  std::vector<ActorTs> latest = LatestPerKey(std::move(seen), [](const ActorTs& r) { return r.first; });
  std::vector<DayActorTs> per_day = LatestPerKey(std::move(seen_recent), [](const DayActorTs& r) {
    return std::make_pair(std::get<0>(r), std::get<1>(r));
  });
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
  for (const auto& [day, actor, ts] : per_day) {
    add->Bind(1, day).Bind(2, actor).Bind(3, ts);
    ET_RETURN_IF_ERROR(add->Run());
  }
  return Status::Ok();
}

}  // namespace edgetally
