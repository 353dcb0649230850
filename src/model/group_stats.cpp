// GroupStats: upserts into group_entity_stats / group_connection_stats and their reads.
#include "model/group_stats.h"

#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
constexpr const char* kAddEntities =
    "INSERT INTO group_entity_stats (group_id, type, things, property_bytes) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT DO UPDATE SET things = things + excluded.things, "
    "property_bytes = property_bytes + excluded.property_bytes";
constexpr const char* kDropEmpty = "DELETE FROM group_entity_stats WHERE group_id = ?1 AND things = 0";
constexpr const char* kAddConnections =
    "INSERT INTO group_connection_stats (group_id, connections) VALUES (?1, ?2) "
    "ON CONFLICT DO UPDATE SET connections = connections + excluded.connections";
constexpr const char* kReadEntities =
    "SELECT type, things, property_bytes FROM group_entity_stats WHERE group_id = ?1 ORDER BY type";
constexpr const char* kReadConnections =
    "SELECT connections FROM group_connection_stats WHERE group_id = ?1";
}  // namespace

Status AddEntityStats(Database& db, const std::string& group_id, const EntityDeltas& deltas) {
  ET_ASSIGN_OR_RETURN(Statement * add, db.Cached(kAddEntities));
  bool removed = false;
  for (const auto& [type, delta] : deltas) {
    if (delta.first == 0 && delta.second == 0) continue;
    removed = removed || delta.first < 0;
    add->Bind(1, group_id).Bind(2, type).Bind(3, delta.first).Bind(4, delta.second);
    ET_RETURN_IF_ERROR(add->Run());
  }
  if (!removed) return Status::Ok();
  ET_ASSIGN_OR_RETURN(Statement * drop, db.Cached(kDropEmpty));
  drop->Bind(1, group_id);
  return drop->Run();
}

Status AddConnectionStats(Database& db, const std::string& group_id, int64_t count) {
  ET_ASSIGN_OR_RETURN(Statement * add, db.Cached(kAddConnections));
  add->Bind(1, group_id).Bind(2, count);
  return add->Run();
}

Result<EntityStats> ReadEntityStats(Database& db, const std::string& group_id) {
  EntityStats stats;
  ET_ASSIGN_OR_RETURN(Statement * entities, db.Cached(kReadEntities));
  entities->Bind(1, group_id);
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, entities->Step());
    if (!row) break;
    stats.by_type.emplace_back(entities->ColumnText(0), entities->ColumnInt(1));
    stats.things += entities->ColumnInt(1);
    stats.property_bytes += entities->ColumnInt(2);
  }
  entities->Reset();
  ET_ASSIGN_OR_RETURN(Statement * connections, db.Cached(kReadConnections));
  connections->Bind(1, group_id);
  ET_ASSIGN_OR_RETURN(bool found, connections->Step());
  if (found) stats.connections = connections->ColumnInt(0);
  connections->Reset();
  return stats;
}

}  // namespace edgetally
