// EventLog: event rows, then the aggregates. A call's rows go into event_rows (keyed
// (group_key, ts, id), model/events.h) in (ts, input order) order, so that each insert into the
// table and its index (event_rows_by_target_week) lands next to the previous one instead of on
// a random page of the whole B-tree: ids are
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
#include <tuple>
#include <utility>

#include "metrics/aggregates.h"
#include "metrics/metric_time.h"
#include "model/events.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
constexpr const char* kRows = "INSERT OR FAIL INTO event_rows (group_key, type, actor_id, target_id, ts, metadata, amount, currency, id) VALUES ";
constexpr int kRowParams = 9;
constexpr const char* kTargets = "INSERT OR FAIL INTO event_targets (group_key, week, target_id, ts, id) VALUES ";
constexpr int kTargetParams = 5;
constexpr size_t kRowsPerInsert = 32;

std::string RowsSql(const char* insert, int params, size_t rows) {
  std::string one = "(?";
  for (int i = 1; i < params; ++i) one += ",?";
  one += ")";
  std::string sql = insert;
  for (size_t i = 0; i < rows; ++i) sql += (i ? "," : "") + one;
  return sql;
}

// The INSERTs of kRowsPerInsert rows and of one, built once (the statement cache is keyed by
// the text's address).
struct InsertSqls {
  InsertSqls(const char* insert, int params)
      : params(params), many(RowsSql(insert, params, kRowsPerInsert)), one(RowsSql(insert, params, 1)) {}
  int params;
  std::string many, one;
};

// Inserts `count` rows, kRowsPerInsert per statement and the rest one by one; bind(stmt,
// first parameter, row) binds one row.
template <typename BindFn>
Status InsertRuns(Database& db, const InsertSqls& sql, size_t count, BindFn bind) {
  size_t next = 0;
  for (; count - next >= kRowsPerInsert; next += kRowsPerInsert) {
    ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(sql.many.c_str()));
    for (size_t i = 0; i < kRowsPerInsert; ++i) bind(*insert, static_cast<int>(i) * sql.params + 1, next + i);
    ET_RETURN_IF_ERROR(insert->Run());
  }
  ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(sql.one.c_str()));
  for (; next < count; ++next) {
    bind(*insert, 1, next);
    ET_RETURN_IF_ERROR(insert->Run());
  }
  return Status::Ok();
}

void BindRow(Statement& insert, int first, int64_t group_key, const LoggedEvent& e) {
  insert.Bind(first, group_key).BindUncopied(first + 1, e.type).Bind(first + 4, e.ts).BindUncopied(first + 5, e.metadata);
  e.actor_id ? insert.Bind(first + 2, e.actor_id) : insert.BindNull(first + 2);
  e.target_id ? insert.Bind(first + 3, e.target_id) : insert.BindNull(first + 3);
  e.amount ? insert.Bind(first + 6, *e.amount) : insert.BindNull(first + 6);
  e.currency.empty() ? insert.BindNull(first + 7) : insert.BindUncopied(first + 7, e.currency);
  insert.Bind(first + 8, e.id);
}

// The event_targets rows of the stored events that have a target, in key order (week,
// target_id, ts, id), so each insert lands beside the previous one.
Status InsertTargets(Database& db, int64_t group_key, const std::vector<LoggedEvent>& events) {
  struct TargetKey {
    int64_t week, target, ts, id;
    bool operator<(const TargetKey& o) const { return std::tie(week, target, ts, id) < std::tie(o.week, o.target, o.ts, o.id); }
  };
  std::vector<TargetKey> keys;
  keys.reserve(events.size());
  for (const LoggedEvent& e : events) {
    if (e.target_id) keys.push_back({e.ts / kActivityBucketMs, e.target_id, e.ts, e.id});
  }
  std::sort(keys.begin(), keys.end());
  static const InsertSqls sql(kTargets, kTargetParams);
  return InsertRuns(db, sql, keys.size(), [&](Statement& insert, int first, size_t at) {
    const TargetKey& k = keys[at];
    insert.Bind(first, group_key).Bind(first + 1, k.week).Bind(first + 2, k.target).Bind(first + 3, k.ts).Bind(first + 4, k.id);
  });
}

// Inserts the rows in (ts, input order) order, giving each its id, and their event_targets
// rows; returns what the aggregates read of them, in the same (id) order.
Result<StoredEvents> InsertRows(Database& db, const std::string& group_id, std::vector<LoggedEvent>* events) {
  std::vector<std::pair<int64_t, size_t>> order;  // (ts, input position): unique, so sorting is stable
  order.reserve(events->size());
  for (size_t at = 0; at < events->size(); ++at) order.emplace_back((*events)[at].ts, at);
  std::sort(order.begin(), order.end());
  ET_ASSIGN_OR_RETURN(int64_t next_id, ReserveEventIds(db, static_cast<int64_t>(events->size())));
  ET_ASSIGN_OR_RETURN(int64_t group_key, EventGroupKey(db, group_id, true));
  StoredEvents stored;
  stored.reserve(order.size());
  for (const auto& [ts, at] : order) {
    LoggedEvent& e = (*events)[at];
    e.id = next_id++;
    stored.push_back(StoredEvent{e.ts, e.actor_id, e.target_id, e.amount.value_or(0), KindOf(e.type)});
  }
  static const InsertSqls sql(kRows, kRowParams);
  ET_RETURN_IF_ERROR(InsertRuns(db, sql, order.size(), [&](Statement& insert, int first, size_t at) {
    BindRow(insert, first, group_key, (*events)[order[at].second]);
  }));
  ET_RETURN_IF_ERROR(InsertTargets(db, group_key, *events));
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
