// Relationships: index reads on connections_by_from / connections_by_to.
#include "metrics/relationships.h"

#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
constexpr const char* kCountOut = "SELECT type, count(*) FROM connections WHERE from_id = ?1 GROUP BY type ORDER BY type";
constexpr const char* kCountIn = "SELECT type, count(*) FROM connections WHERE to_id = ?1 GROUP BY type ORDER BY type";
#define ET_REL_COLUMNS "SELECT c.id, c.type, t.id, t.type, t.name, c.metadata, c.created_at FROM connections c "
constexpr const char* kListOut = ET_REL_COLUMNS
    "JOIN things t ON t.id = c.to_id WHERE c.from_id = ?1 AND (?2 IS NULL OR c.type = ?2) AND c.id > ?3 "
    "ORDER BY c.id LIMIT ?4";
constexpr const char* kListIn = ET_REL_COLUMNS
    "JOIN things t ON t.id = c.from_id WHERE c.to_id = ?1 AND (?2 IS NULL OR c.type = ?2) AND c.id > ?3 "
    "ORDER BY c.id LIMIT ?4";
constexpr const char* kListOutTyped = ET_REL_COLUMNS
    "JOIN things t ON t.id = c.to_id WHERE c.from_id = ?1 AND c.type = ?2 AND c.id > ?3 ORDER BY c.id LIMIT ?4";
constexpr const char* kListInTyped = ET_REL_COLUMNS
    "JOIN things t ON t.id = c.from_id WHERE c.to_id = ?1 AND c.type = ?2 AND c.id > ?3 ORDER BY c.id LIMIT ?4";
#undef ET_REL_COLUMNS
}  // namespace

Result<std::vector<std::pair<std::string, int64_t>>> CountRelationships(Database& db, int64_t thing_id,
                                                                        Direction direction) {
  ET_ASSIGN_OR_RETURN(Statement * count, db.Cached(direction == Direction::Outgoing ? kCountOut : kCountIn));
  count->Bind(1, thing_id);
  std::vector<std::pair<std::string, int64_t>> counts;
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, count->Step());
    if (!row) break;
    counts.emplace_back(count->ColumnText(0), count->ColumnInt(1));
  }
  count->Reset();
  return counts;
}

Result<RelationshipPage> ListRelationships(Database& db, int64_t thing_id, Direction direction,
                                           const std::optional<std::string>& type, int64_t after_id,
                                           int64_t limit) {
  bool out = direction == Direction::Outgoing;
  // A typed list has its own statement so the planner walks (from_id|to_id, type, id) in order.
  const char* sql = type ? (out ? kListOutTyped : kListInTyped) : (out ? kListOut : kListIn);
  ET_ASSIGN_OR_RETURN(Statement * list, db.Cached(sql));
  list->Bind(1, thing_id).Bind(3, after_id).Bind(4, limit + 1);
  type ? list->Bind(2, *type) : list->BindNull(2);
  RelationshipPage page;
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, list->Step());
    if (!row) break;
    if (static_cast<int64_t>(page.items.size()) == limit) {
      page.more = true;
      break;
    }
    page.items.push_back(RelatedThing{list->ColumnInt(0), list->ColumnText(1), list->ColumnInt(2),
                                      list->ColumnText(3), list->ColumnText(4), list->ColumnText(5),
                                      list->ColumnInt(6)});
  }
  list->Reset();
  return page;
}

}  // namespace edgetally
