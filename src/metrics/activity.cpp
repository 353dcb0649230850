// Activity: events_by_target_week (week, target_id, ts, rowid) walked backwards from the
// cursor one week at a time (newest week first, each week's entries newest first), merged with
// the creation entry. The walk stops when the page is full or at the store's oldest week.
#include "metrics/activity.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "metrics/metric_time.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
static_assert(kActivityBucketMs == 604800000, "the SQL below and the index spell out the week in ms");
constexpr const char* kList =
    "SELECT id, type, actor_id, ts, amount, currency, metadata FROM events "
    "WHERE ts / 604800000 = ?6 AND target_id = ?1 AND ts <= ?2 AND (ts < ?2 OR (ts = ?2 AND id < ?3)) "
    "AND (?4 IS NULL OR type IN (SELECT value FROM json_each(?4))) "
    "AND type NOT IN ('thing_created', 'connection_created') ORDER BY ts DESC, id DESC LIMIT ?5";
constexpr const char* kOldestWeek = "SELECT min(ts / 604800000) FROM events";
constexpr const char* kNewestWeek = "SELECT max(ts / 604800000) FROM events";

bool Wanted(const std::vector<std::string>& types, std::string_view type) {
  return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
}

// The stored names of the shown types ("updated" is stored as "thing_updated").
std::string StoredTypes(const std::vector<std::string>& types) {
  nlohmann::json stored = nlohmann::json::array();
  for (const std::string& t : types) stored.push_back(t == "updated" ? "thing_updated" : t);
  return stored.dump();
}

// The store's oldest or newest week with an event (nullopt: no events).
Result<std::optional<int64_t>> EdgeWeek(Database& db, const char* sql) {
  ET_ASSIGN_OR_RETURN(Statement * edge, db.Cached(sql));
  ET_RETURN_IF_ERROR(edge->Step().status());
  std::optional<int64_t> week;
  if (!edge->ColumnIsNull(0)) week = edge->ColumnInt(0);
  edge->Reset();
  return week;
}

ActivityItem ReadItem(const Statement& row) {
  ActivityItem item{row.ColumnInt(0), row.ColumnText(1), row.ColumnIsNull(2) ? 0 : row.ColumnInt(2),
                    row.ColumnInt(3), std::nullopt, row.ColumnIsNull(5) ? "" : row.ColumnText(5),
                    row.ColumnText(6)};
  if (!row.ColumnIsNull(4)) item.amount = row.ColumnInt(4);
  if (item.type == "thing_updated") item.type = "updated";
  return item;
}
// Up to `wanted` logged events of `target` before `before`, newest first, week by week.
Status ListEvents(Database& db, int64_t target, const std::vector<std::string>& types, ActivityKey before,
                  int64_t wanted, std::vector<ActivityItem>* items) {
  ET_ASSIGN_OR_RETURN(std::optional<int64_t> oldest, EdgeWeek(db, kOldestWeek));
  ET_ASSIGN_OR_RETURN(std::optional<int64_t> newest, EdgeWeek(db, kNewestWeek));
  if (!oldest || !newest) return Status::Ok();
  ET_ASSIGN_OR_RETURN(Statement * list, db.Cached(kList));
  std::string stored = StoredTypes(types);
  for (int64_t week = std::min(*newest, before.ts / kActivityBucketMs); week >= *oldest; --week) {
    int64_t left = wanted - static_cast<int64_t>(items->size());
    if (left <= 0) break;
    list->Bind(1, target).Bind(2, before.ts).Bind(3, before.id).Bind(5, left).Bind(6, week);
    types.empty() ? list->BindNull(4) : list->Bind(4, stored);
    for (;;) {
      ET_ASSIGN_OR_RETURN(bool row, list->Step());
      if (!row) break;
      items->push_back(ReadItem(*list));
    }
    list->Reset();
  }
  return Status::Ok();
}
}  // namespace

Result<ActivityPage> ListActivity(Database& db, const Thing& thing, const std::vector<std::string>& types,
                                  ActivityKey before, int64_t limit) {
  ActivityPage page;
  ET_RETURN_IF_ERROR(ListEvents(db, thing.id, types, before, limit + 1, &page.items));
  bool created_in_range = thing.created_at < before.ts || (thing.created_at == before.ts && 0 < before.id);
  if (created_in_range && Wanted(types, "created")) {
    ActivityItem created{0, "created", 0, thing.created_at, std::nullopt, "", "{}"};
    auto at = std::find_if(page.items.begin(), page.items.end(),
                           [&](const ActivityItem& e) { return e.ts < created.ts; });
    page.items.insert(at, created);
  }
  if (static_cast<int64_t>(page.items.size()) > limit) {
    page.items.resize(limit);
    page.more = true;
  }
  return page;
}

}  // namespace edgetally
