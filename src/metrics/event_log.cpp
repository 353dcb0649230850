// EventLog: event rows, then the aggregates. A call's rows go into the events table in (ts,
// input order) order, so that each index insert (events_by_group_ts, events_by_target_week)
// lands next to the previous one instead of on a random page of the whole index: ids are
// handed out in that order (a tie on ts keeps the input order, so the later row still gets the
// higher id, which is all that the follow rule and the activity cursors rely on).
// The rows go in kRowsPerInsert at a time through one multi-row INSERT (the statement's set-up,
// cursors and end are paid once per kRowsPerInsert rows), their text bound without copies.
// A call's ids are reserved at once (model/events.h ReserveEventIds: above every id ever
// handed out, archived ones included) and given to the rows in insert order. OR FAIL: a row
// breaking a constraint (none can: every NOT NULL column is bound) fails the statement without
// SQLite keeping a statement journal of every page the statement changes; the caller's
// transaction is rolled back on any error anyway.
#include "metrics/event_log.h"

#include <algorithm>
#include <string>
#include <utility>

#include "metrics/aggregates.h"
#include "model/events.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
constexpr const char* kColumns = "INSERT OR FAIL INTO events (group_id, type, actor_id, target_id, ts, metadata, amount, currency, id) VALUES ";
constexpr int kParams = 9;
constexpr size_t kRowsPerInsert = 32;

std::string RowsSql(size_t rows) {
  std::string sql = kColumns;
  for (size_t i = 0; i < rows; ++i) sql += i ? ",(?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?)";
  return sql;
}

// The INSERT of kRowsPerInsert rows (`many`) or of one, built once (the statement cache is keyed
// by the text's address).
const char* InsertSql(bool many) {
  static const std::string one = RowsSql(1), batch = RowsSql(kRowsPerInsert);
  return (many ? batch : one).c_str();
}

void BindRow(Statement& insert, int first, const std::string& group_id, const LoggedEvent& e) {
  insert.BindUncopied(first, group_id).BindUncopied(first + 1, e.type).Bind(first + 4, e.ts).BindUncopied(first + 5, e.metadata);
  e.actor_id ? insert.Bind(first + 2, e.actor_id) : insert.BindNull(first + 2);
  e.target_id ? insert.Bind(first + 3, e.target_id) : insert.BindNull(first + 3);
  e.amount ? insert.Bind(first + 6, *e.amount) : insert.BindNull(first + 6);
  e.currency.empty() ? insert.BindNull(first + 7) : insert.BindUncopied(first + 7, e.currency);
  insert.Bind(first + 8, e.id);
}

// Inserts the rows in (ts, input order) order, giving each its id; returns what the aggregates
// read of them, in the same (id) order.
Result<StoredEvents> InsertRows(Database& db, const std::string& group_id, std::vector<LoggedEvent>* events) {
  std::vector<std::pair<int64_t, size_t>> order;  // (ts, input position): unique, so sorting is stable
  order.reserve(events->size());
  for (size_t at = 0; at < events->size(); ++at) order.emplace_back((*events)[at].ts, at);
  std::sort(order.begin(), order.end());
  ET_ASSIGN_OR_RETURN(int64_t next_id, ReserveEventIds(db, static_cast<int64_t>(events->size())));
  StoredEvents stored;
  stored.reserve(order.size());
  for (const auto& [ts, at] : order) {
    LoggedEvent& e = (*events)[at];
    e.id = next_id++;
    stored.push_back(StoredEvent{e.ts, e.actor_id, e.target_id, e.amount.value_or(0), KindOf(e.type)});
  }
  size_t next = 0;
  for (; order.size() - next >= kRowsPerInsert; next += kRowsPerInsert) {
    ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(InsertSql(true)));
    for (size_t i = 0; i < kRowsPerInsert; ++i) BindRow(*insert, static_cast<int>(i * kParams + 1), group_id, (*events)[order[next + i].second]);
    ET_RETURN_IF_ERROR(insert->Run());
  }
  ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(InsertSql(false)));
  for (; next < order.size(); ++next) {
    BindRow(*insert, 1, group_id, (*events)[order[next].second]);
    ET_RETURN_IF_ERROR(insert->Run());
  }
  return stored;
}
}  // namespace

EventKind KindOf(std::string_view type) {
  static const std::pair<std::string_view, EventKind> kKinds[] = {
      {"view", EventKind::View},     {"like", EventKind::Like},         {"comment", EventKind::Comment},
      {"share", EventKind::Share},   {"follow", EventKind::Follow},     {"unfollow", EventKind::Unfollow},
      {"payment", EventKind::Payment}};
  for (const auto& [name, kind] : kKinds) {
    if (type == name) return kind;
  }
  return EventKind::Other;
}

int64_t StorageBytesOf(const LoggedEvent& event) {
  return static_cast<int64_t>(event.type.size() + event.currency.size() + event.metadata.size());
}

Status StoreEvents(Database& db, const std::string& group_id, int64_t now, std::vector<LoggedEvent>* events) {
  if (events->empty()) return Status::Ok();
  ET_ASSIGN_OR_RETURN(int64_t detail_day, PruneDetail(db, now));
  ET_ASSIGN_OR_RETURN(int64_t window_day, SyncWindow(db, group_id, now, detail_day));
  ET_ASSIGN_OR_RETURN(StoredEvents stored, InsertRows(db, group_id, events));
  AggregateScope scope{db, group_id, detail_day, window_day};
  ET_RETURN_IF_ERROR(AddTimeAggregates(scope, stored));
  ET_RETURN_IF_ERROR(AddActorAggregates(scope, stored));
  ET_RETURN_IF_ERROR(AddTargetAggregates(scope, stored));
  ET_RETURN_IF_ERROR(AddFollows(scope, stored));
  return AddEngagement(scope, stored);
}

}  // namespace edgetally
