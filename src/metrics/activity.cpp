// Activity: events_by_target_ts walked backwards from the cursor, merged with the creation entry.
#include "metrics/activity.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
constexpr const char* kList =
    "SELECT id, type, actor_id, ts, amount, currency, metadata FROM events "
    "WHERE target_id = ?1 AND (ts < ?2 OR (ts = ?2 AND id < ?3)) "
    "AND (?4 IS NULL OR type IN (SELECT value FROM json_each(?4))) "
    "AND type NOT IN ('thing_created', 'connection_created') ORDER BY ts DESC, id DESC LIMIT ?5";

bool Wanted(const std::vector<std::string>& types, std::string_view type) {
  return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
}

// The stored names of the shown types ("updated" is stored as "thing_updated").
std::string StoredTypes(const std::vector<std::string>& types) {
  nlohmann::json stored = nlohmann::json::array();
  for (const std::string& t : types) stored.push_back(t == "updated" ? "thing_updated" : t);
  return stored.dump();
}

ActivityItem ReadItem(const Statement& row) {
  ActivityItem item{row.ColumnInt(0), row.ColumnText(1), row.ColumnIsNull(2) ? 0 : row.ColumnInt(2),
                    row.ColumnInt(3), std::nullopt, row.ColumnIsNull(5) ? "" : row.ColumnText(5),
                    row.ColumnText(6)};
  if (!row.ColumnIsNull(4)) item.amount = row.ColumnInt(4);
  if (item.type == "thing_updated") item.type = "updated";
  return item;
}
}  // namespace

Result<ActivityPage> ListActivity(Database& db, const Thing& thing, const std::vector<std::string>& types,
                                  ActivityKey before, int64_t limit) {
  ET_ASSIGN_OR_RETURN(Statement * list, db.Cached(kList));
  list->Bind(1, thing.id).Bind(2, before.ts).Bind(3, before.id).Bind(5, limit + 1);
  types.empty() ? list->BindNull(4) : list->Bind(4, StoredTypes(types));
  ActivityPage page;
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, list->Step());
    if (!row) break;
    page.items.push_back(ReadItem(*list));
  }
  list->Reset();
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
