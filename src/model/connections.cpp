// Connections: row checks, store checks, inserts.
#include "model/connections.h"

#include <optional>

#include "common/args.h"
#include "model/events.h"
#include "model/group_stats.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {

constexpr const char* kOwner = "SELECT group_id FROM things WHERE id = ?1";
constexpr const char* kStored =
    "SELECT EXISTS (SELECT 1 FROM connections WHERE group_id = ?1 AND from_id = ?2 AND to_id = ?3 AND type = ?4)";
constexpr const char* kInsert =
    "INSERT INTO connections (group_id, from_id, to_id, type, metadata, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

// Rows per multi-row INSERT in a batch. The creator_link trigger makes every INSERT on
// connections run under a statement journal, which copies each page the statement changes
// first: one statement per row copied the same few leaf pages again for every row (a sixth of
// a 100K batch's CPU). 64 rows x 6 parameters stay far under SQLite's parameter limit.
constexpr size_t kRowsPerInsert = 64;

// "INSERT ... VALUES (?,?,?,?,?,?) x kRowsPerInsert RETURNING id", built once (the statement
// cache is keyed by the text's address).
const char* MultiRowInsertSql() {
  static const std::string sql = [] {
    std::string text = "INSERT INTO connections (group_id, from_id, to_id, type, metadata, created_at) VALUES ";
    for (size_t i = 0; i < kRowsPerInsert; ++i) text += i ? ",(?,?,?,?,?,?)" : "(?,?,?,?,?,?)";
    return text + " RETURNING id";
  }();
  return sql.c_str();
}

void BindRow(Statement& stmt, int first, const std::string& group_id, const NewConnection& c, int64_t now) {
  stmt.Bind(first, group_id).Bind(first + 1, c.from_id).Bind(first + 2, c.to_id).Bind(first + 3, c.type)
      .Bind(first + 4, c.metadata).Bind(first + 5, now);
}

// Inserts rows [at, at + kRowsPerInsert) in one statement; appends their ids in row order
// (RETURNING yields the rows as they were inserted).
Status InsertChunk(Database& db, const std::string& group_id, const std::vector<IndexedConnection>& rows,
                   size_t at, int64_t now, std::vector<int64_t>* ids) {
  ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(MultiRowInsertSql()));
  for (size_t i = 0; i < kRowsPerInsert; ++i) BindRow(*insert, static_cast<int>(6 * i + 1), group_id, rows[at + i].connection, now);
  for (size_t i = 0; i < kRowsPerInsert; ++i) {
    ET_ASSIGN_OR_RETURN(bool row, insert->Step());
    if (!row) return Status(ErrorCode::Internal, "multi-row insert returned fewer ids than rows");
    ids->push_back(insert->ColumnInt(0));
  }
  ET_ASSIGN_OR_RETURN(bool more, insert->Step());
  insert->Reset();
  return more ? Status(ErrorCode::Internal, "multi-row insert returned more ids than rows") : Status::Ok();
}

Status CheckOwner(EndpointCache::Owner owner, int64_t id, const char* field) {
  if (owner == EndpointCache::Owner::None) return InvalidField(field, "unknown_thing", std::string(field) + " " + std::to_string(id) + " is not a thing in this store");
  if (owner == EndpointCache::Owner::OtherGroup) return InvalidField(field, "other_group", std::string(field) + " " + std::to_string(id) + " belongs to another group");
  return Status::Ok();
}

}  // namespace

Result<NewConnection> CheckConnection(const nlohmann::json& row) {
  ET_RETURN_IF_ERROR(RequireObject(row, "connection"));
  for (const auto& [key, value] : row.items()) {
    if (key != "fromId" && key != "toId" && key != "type" && key != "metadata") {
      return InvalidField(key, "unknown_field", "unknown field '" + key + "' (a connection has fromId, toId, type and metadata)");
    }
  }
  NewConnection c;
  ET_ASSIGN_OR_RETURN(c.from_id, RequireInt(row, "fromId", 1, INT64_MAX));
  ET_ASSIGN_OR_RETURN(c.to_id, RequireInt(row, "toId", 1, INT64_MAX));
  ET_ASSIGN_OR_RETURN(c.type, RequireString(row, "type"));
  ET_RETURN_IF_ERROR(CheckType(c.type));
  auto metadata = row.find("metadata");
  c.metadata = "{}";
  if (metadata != row.end() && !metadata->is_null()) {
    if (!metadata->is_object()) return InvalidField("metadata", "object", "metadata must be a JSON object");
    c.metadata = metadata->dump();
    if (c.metadata.size() > kMaxPropertiesBytes) {
      return InvalidField("metadata", "max_bytes", "metadata must serialize to at most " + std::to_string(kMaxPropertiesBytes) + " bytes");
    }
  }
  return c;
}

Result<EndpointCache::Owner> EndpointCache::Find(Database& db, const std::string& group_id, int64_t id) {
  auto known = owners_.find(id);
  if (known != owners_.end()) return known->second;
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(kOwner));
  stmt->Bind(1, id);
  ET_ASSIGN_OR_RETURN(bool row, stmt->Step());
  Owner owner = !row ? Owner::None : stmt->ColumnText(0) == group_id ? Owner::ThisGroup : Owner::OtherGroup;
  stmt->Reset();
  owners_.emplace(id, owner);
  return owner;
}

Status CheckEndpoints(Database& db, const std::string& group_id, const NewConnection& c, EndpointCache& cache) {
  ET_ASSIGN_OR_RETURN(EndpointCache::Owner from, cache.Find(db, group_id, c.from_id));
  ET_ASSIGN_OR_RETURN(EndpointCache::Owner to, cache.Find(db, group_id, c.to_id));
  ET_RETURN_IF_ERROR(CheckOwner(from, c.from_id, "fromId"));
  ET_RETURN_IF_ERROR(CheckOwner(to, c.to_id, "toId"));
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(kStored));
  stmt->Bind(1, group_id).Bind(2, c.from_id).Bind(3, c.to_id).Bind(4, c.type);
  ET_ASSIGN_OR_RETURN(bool row, stmt->Step());
  bool duplicate = row && stmt->ColumnInt(0) != 0;
  stmt->Reset();
  if (duplicate) return InvalidField("type", "duplicate", "this connection (fromId, toId, type) already exists");
  return Status::Ok();
}

Result<std::vector<int64_t>> InsertConnections(Database& db, const std::string& group_id,
                                               const std::vector<IndexedConnection>& rows, int64_t now) {
  std::vector<int64_t> ids;
  ids.reserve(rows.size());
  size_t at = 0;
  for (; rows.size() - at >= kRowsPerInsert; at += kRowsPerInsert) {
    ET_RETURN_IF_ERROR(InsertChunk(db, group_id, rows, at, now, &ids));
  }
  ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsert));
  for (; at < rows.size(); ++at) {  // the rest, one statement each
    BindRow(*insert, 1, group_id, rows[at].connection, now);
    ET_RETURN_IF_ERROR(insert->Run());
    ids.push_back(db.LastInsertRowId());
  }
  if (ids.empty()) return ids;
  ET_RETURN_IF_ERROR(AddConnectionStats(db, group_id, static_cast<int64_t>(ids.size())));
  nlohmann::json metadata = {{"count", ids.size()}, {"firstId", ids.front()}, {"lastId", ids.back()}};
  ET_RETURN_IF_ERROR(AppendBatchEvent(db, group_id, now, "connection_created", static_cast<int64_t>(ids.size()), metadata.dump()));
  return ids;
}

}  // namespace edgetally
