// Events: log rows (event_rows, and event_targets for a row with a target) plus rollup upserts,
// one per distinct (type, actor) of the call; the event id mark and the group keys.
#include "model/events.h"

#include <climits>
#include <map>
#include <utility>

#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
constexpr int64_t kDayMs = 86400000;
constexpr const char* kInsertEvent =
    "INSERT INTO event_rows (group_key, type, actor_id, target_id, ts, metadata, id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
constexpr const char* kInsertTarget =
    "INSERT INTO event_targets (group_key, week, target_id, ts, id) VALUES (?1, ?2 / 604800000, ?3, ?2, ?4)";
constexpr const char* kGroupKey = "SELECT group_key FROM event_groups WHERE group_id = ?1";
constexpr const char* kNewGroupKey = "INSERT INTO event_groups (group_id) VALUES (?1)";
constexpr const char* kReserveIds = "UPDATE event_ids SET last = last + ?1 WHERE last <= ?2 RETURNING last";
constexpr const char* kLastId = "SELECT last FROM event_ids";
constexpr const char* kBatchRollup =
    "INSERT INTO rollups (group_id, day, type, actor_id, target_id, count) VALUES (?1, ?2, ?3, 0, 0, ?4) "
    "ON CONFLICT DO UPDATE SET count = count + excluded.count";
constexpr const char* kRollup =
    "INSERT INTO rollups (group_id, day, type, actor_id, target_id, count) VALUES (?1, ?2, ?3, ?4, 0, ?5) "
    "ON CONFLICT DO UPDATE SET count = count + excluded.count";
}  // namespace

Status AppendEvents(Database& db, const std::string& group_id, int64_t ts,
                    const std::vector<NewEvent>& events) {
  if (events.empty()) return Status::Ok();
  ET_ASSIGN_OR_RETURN(int64_t id, ReserveEventIds(db, static_cast<int64_t>(events.size())));
  ET_ASSIGN_OR_RETURN(int64_t group_key, EventGroupKey(db, group_id, true));
  ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsertEvent));
  ET_ASSIGN_OR_RETURN(Statement * target, db.Cached(kInsertTarget));
  std::map<std::pair<std::string_view, int64_t>, int64_t> per_type_actor;
  for (const NewEvent& event : events) {
    insert->Bind(1, group_key).Bind(2, event.type).Bind(5, ts).Bind(7, id);
    event.actor_id ? insert->Bind(3, event.actor_id) : insert->BindNull(3);
    event.target_id ? insert->Bind(4, event.target_id) : insert->BindNull(4);
    insert->Bind(6, event.metadata.empty() ? std::string_view("{}") : event.metadata);
    ET_RETURN_IF_ERROR(insert->Run());
    if (event.target_id) {
      target->Bind(1, group_key).Bind(2, ts).Bind(3, event.target_id).Bind(4, id);
      ET_RETURN_IF_ERROR(target->Run());
    }
    ++id;
    ++per_type_actor[{event.type, event.actor_id}];
  }
  ET_ASSIGN_OR_RETURN(Statement * rollup, db.Cached(kRollup));
  for (const auto& [key, count] : per_type_actor) {
    rollup->Bind(1, group_id).Bind(2, ts / kDayMs).Bind(3, key.first).Bind(4, key.second).Bind(5, count);
    ET_RETURN_IF_ERROR(rollup->Run());
  }
  return Status::Ok();
}

Status AppendBatchEvent(Database& db, const std::string& group_id, int64_t ts, std::string_view type,
                        int64_t count, std::string_view metadata) {
  ET_ASSIGN_OR_RETURN(int64_t id, ReserveEventIds(db, 1));
  ET_ASSIGN_OR_RETURN(int64_t group_key, EventGroupKey(db, group_id, true));
  ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsertEvent));
  insert->Bind(1, group_key).Bind(2, type).BindNull(3).BindNull(4).Bind(5, ts).Bind(6, metadata).Bind(7, id);
  ET_RETURN_IF_ERROR(insert->Run());
  ET_ASSIGN_OR_RETURN(Statement * rollup, db.Cached(kBatchRollup));
  rollup->Bind(1, group_id).Bind(2, ts / kDayMs).Bind(3, type).Bind(4, count);
  return rollup->Run();
}

Result<int64_t> ReserveEventIds(Database& db, int64_t count) {
  ET_ASSIGN_OR_RETURN(Statement * reserve, db.Cached(kReserveIds));
  reserve->Bind(1, count).Bind(2, INT64_MAX - count);
  ET_ASSIGN_OR_RETURN(bool row, reserve->Step());
  int64_t last = row ? reserve->ColumnInt(0) : 0;
  reserve->Reset();
  if (!row) return Status(ErrorCode::Internal, "event ids are exhausted");
  return last - count + 1;
}

Result<int64_t> LastEventId(Database& db) {
  ET_ASSIGN_OR_RETURN(Statement * read, db.Cached(kLastId));
  return read->ReadInt();
}

Result<int64_t> EventGroupKey(Database& db, const std::string& group_id, bool create) {
  ET_ASSIGN_OR_RETURN(Statement * read, db.Cached(kGroupKey));
  read->Bind(1, group_id);
  ET_ASSIGN_OR_RETURN(int64_t key, read->ReadInt());
  if (key != 0 || !create) return key;
  ET_ASSIGN_OR_RETURN(Statement * add, db.Cached(kNewGroupKey));
  add->Bind(1, group_id);
  ET_RETURN_IF_ERROR(add->Run());
  return db.LastInsertRowId();
}

}  // namespace edgetally
