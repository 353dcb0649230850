// EventLog: event rows, then the aggregates. A call's rows go into the events table in (ts,
// input order) order, so that each index insert (events_by_group_ts, events_by_target_week)
// lands next to the previous one instead of on a random page of the whole index: ids are
// handed out in that order (a tie on ts keeps the input order, so the later row still gets the
// higher id, which is all that the follow rule and the activity cursors rely on).
#include "metrics/event_log.h"

#include <algorithm>
#include <utility>

#include "metrics/aggregates.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
constexpr const char* kInsert =
    "INSERT INTO events (group_id, type, actor_id, target_id, ts, metadata, amount, currency) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

Status InsertRows(Database& db, const std::string& group_id, std::vector<LoggedEvent>* events) {
  ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsert));
  std::vector<std::pair<int64_t, size_t>> order;  // (ts, input position): unique, so sorting is stable
  order.reserve(events->size());
  for (size_t at = 0; at < events->size(); ++at) order.emplace_back((*events)[at].ts, at);
  std::sort(order.begin(), order.end());
  for (const auto& [ts, at] : order) {
    LoggedEvent& e = (*events)[at];
    insert->Bind(1, group_id).Bind(2, e.type).Bind(5, e.ts).Bind(6, e.metadata);
    e.actor_id ? insert->Bind(3, e.actor_id) : insert->BindNull(3);
    e.target_id ? insert->Bind(4, e.target_id) : insert->BindNull(4);
    e.amount ? insert->Bind(7, *e.amount) : insert->BindNull(7);
    e.currency.empty() ? insert->BindNull(8) : insert->Bind(8, e.currency);
    ET_RETURN_IF_ERROR(insert->Run());
    e.id = db.LastInsertRowId();
  }
  return Status::Ok();
}
}  // namespace

int64_t StorageBytesOf(const LoggedEvent& event) {
  return static_cast<int64_t>(event.type.size() + event.currency.size() + event.metadata.size());
}

Status StoreEvents(Database& db, const std::string& group_id, int64_t now, std::vector<LoggedEvent>* events) {
  if (events->empty()) return Status::Ok();
  ET_ASSIGN_OR_RETURN(int64_t detail_day, PruneDetail(db, now));
  ET_ASSIGN_OR_RETURN(int64_t window_day, SyncWindow(db, group_id, now, detail_day));
  ET_RETURN_IF_ERROR(InsertRows(db, group_id, events));
  AggregateScope scope{db, group_id, detail_day, window_day};
  ET_RETURN_IF_ERROR(AddTimeAggregates(scope, *events));
  ET_RETURN_IF_ERROR(AddActorAggregates(scope, *events));
  ET_RETURN_IF_ERROR(AddTargetAggregates(scope, *events));
  ET_RETURN_IF_ERROR(AddFollows(scope, *events));
  return AddEngagement(scope, *events);
}

}  // namespace edgetally
