// Activity: event_targets (group_key, week, target_id, ts, id) walked backwards from the cursor
// one week at a time (newest week first, each week's entries newest first), each entry's
// event_rows row read by its key, merged with the creation entry. The walk stops when the page
// is full or at the group's oldest week.
#include "metrics/activity.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "metrics/metric_time.h"
#include "model/events.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
static_assert(kActivityBucketMs == 604800000, "the SQL below and the index spell out the week in ms");
constexpr const char* kList =
    "SELECT e.id, e.type, e.actor_id, e.ts, e.amount, e.currency, e.metadata FROM event_targets t "
    "JOIN event_rows e ON e.group_key = t.group_key AND e.ts = t.ts AND e.id = t.id "
    "WHERE t.group_key = ?7 AND t.week = ?6 AND t.target_id = ?1 AND t.ts <= ?2 AND (t.ts < ?2 OR (t.ts = ?2 AND t.id < ?3)) "
    "AND (?4 IS NULL OR e.type IN (SELECT value FROM json_each(?4))) "
    "AND e.type NOT IN ('thing_created', 'connection_created') ORDER BY t.ts DESC, t.id DESC LIMIT ?5";
constexpr const char* kOldestWeek = "SELECT min(week) FROM event_targets WHERE group_key = ?1";
constexpr const char* kNewestWeek = "SELECT max(week) FROM event_targets WHERE group_key = ?1";

bool Wanted(const std::vector<std::string>& types, std::string_view type) {
  return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
}

// The stored names of the shown types ("updated" is stored as "thing_updated").
std::string StoredTypes(const std::vector<std::string>& types) {
  nlohmann::json stored = nlohmann::json::array();
  for (const std::string& t : types) stored.push_back(t == "updated" ? "thing_updated" : t);
  return stored.dump();
}

// The group's oldest or newest week with an event with a target (nullopt: none).
Result<std::optional<int64_t>> EdgeWeek(Database& db, const char* sql, int64_t group_key) {
  ET_ASSIGN_OR_RETURN(Statement * edge, db.Cached(sql));
  edge->Bind(1, group_key);
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
Status ListEvents(Database& db, const Thing& thing, const std::vector<std::string>& types, ActivityKey before,
                  int64_t wanted, std::vector<ActivityItem>* items) {
  ET_ASSIGN_OR_RETURN(int64_t group_key, EventGroupKey(db, thing.group_id, false));
  ET_ASSIGN_OR_RETURN(std::optional<int64_t> oldest, EdgeWeek(db, kOldestWeek, group_key));
  ET_ASSIGN_OR_RETURN(std::optional<int64_t> newest, EdgeWeek(db, kNewestWeek, group_key));
  if (!oldest || !newest) return Status::Ok();
  ET_ASSIGN_OR_RETURN(Statement * list, db.Cached(kList));
  std::string stored = StoredTypes(types);
  for (int64_t week = std::min(*newest, before.ts / kActivityBucketMs); week >= *oldest; --week) {
    int64_t left = wanted - static_cast<int64_t>(items->size());
    if (left <= 0) break;
    list->Bind(1, thing.id).Bind(2, before.ts).Bind(3, before.id).Bind(5, left).Bind(6, week).Bind(7, group_key);
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
  ET_RETURN_IF_ERROR(ListEvents(db, thing, types, before, limit + 1, &page.items));
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
