// Things: storage of entities.
#include "model/things.h"

#include "model/events.h"
#include "model/group_stats.h"
#include "model/groups.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {

constexpr const char* kInsertSql =
    "INSERT INTO things (group_id, type, name, properties, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?5)";

constexpr const char* kSelectThing =
    "SELECT id, group_id, type, name, status, properties, created_at, updated_at "
    "FROM things WHERE id = ?1";
// From the per-(group, type) counts the writes of things keep in their own transaction
// (model/group_stats): a few rows, where count(*) stepped through every thing of the group in
// the index (100,000 things: ~7 ms in wasm, most of a page's first answer after a reload).
constexpr const char* kCountThings =
    "SELECT coalesce(sum(things), 0) FROM group_entity_stats "
    "WHERE group_id = ?1 AND (?2 IS NULL OR type = ?2)";

Status InsertRow(Statement& insert, const std::string& group_id,
                 const NewThing& thing, int64_t now) {
  insert.Bind(1, group_id).Bind(2, thing.type).Bind(3, thing.name).Bind(4, thing.properties);
  insert.Bind(5, now);
  return insert.Run();
}

}  // namespace

int64_t StorageBytesOf(const NewThing& thing) {
  return static_cast<int64_t>(thing.type.size() + thing.name.size() + thing.properties.size());
}

Result<std::vector<int64_t>> InsertThings(Database& db, const std::string& group_id,
                                          const std::vector<IndexedThing>& things, int64_t now) {
  ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsertSql));
  std::vector<int64_t> ids;
  ids.reserve(things.size());
  EntityDeltas deltas;
  for (const IndexedThing& row : things) {
    ET_RETURN_IF_ERROR(InsertRow(*insert, group_id, row.thing, now));
    ids.push_back(db.LastInsertRowId());
    auto& delta = deltas[std::string(row.thing.type)];
    delta.first += 1;
    delta.second += static_cast<int64_t>(row.thing.properties.size());
  }
  if (ids.empty()) return ids;
  ET_RETURN_IF_ERROR(AddEntityStats(db, group_id, deltas));
  nlohmann::json metadata = {{"count", ids.size()}, {"firstId", ids.front()}, {"lastId", ids.back()}};
  ET_RETURN_IF_ERROR(AppendBatchEvent(db, group_id, now, "thing_created", static_cast<int64_t>(ids.size()), metadata.dump()));
  return ids;
}

Result<Thing> GetThing(Database& db, int64_t id) {
  // Cached: batchUpdateThings reads every updated thing through here.
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(kSelectThing));
  stmt->Bind(1, id);
  ET_ASSIGN_OR_RETURN(bool found, stmt->Step());
  if (!found) {
    return Status(ErrorCode::NotFound, "no thing with id " + std::to_string(id),
                  {{"thingId", id}});
  }
  Thing thing{stmt->ColumnInt(0),  stmt->ColumnText(1), stmt->ColumnText(2), stmt->ColumnText(3),
              stmt->ColumnText(4), stmt->ColumnText(5), stmt->ColumnInt(6),  stmt->ColumnInt(7)};
  stmt->Reset();
  return thing;
}

Result<int64_t> CountThings(Database& db, const std::string& group_id,
                            const std::optional<std::string>& type) {
  ET_RETURN_IF_ERROR(GetGroup(db, group_id).status());
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(kCountThings));
  stmt->Bind(1, group_id);
  if (type) stmt->Bind(2, *type);
  return stmt->ReadInt();
}

}  // namespace edgetally
