// ArchiveStore: rows of `archives` (schema: store/migrations.cpp, steps 1 and "archive").
#include "archive/archive_store.h"

#include "archive/sha256.h"
#include "model/events.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {

constexpr const char* kColumns =
    "id, group_id, from_ts, to_ts, event_count, byte_size, sha256, state, created_at, uploaded_at, "
    "body IS NOT NULL";

ChunkRecord FromRow(const Statement& row) {
  ChunkRecord c;
  c.id = row.ColumnInt(0);
  c.group_id = row.ColumnText(1);
  c.from_ts = row.ColumnInt(2);
  c.to_ts = row.ColumnInt(3);
  c.events = row.ColumnInt(4);
  c.bytes = row.ColumnInt(5);
  c.sha256 = row.ColumnText(6);
  c.state = row.ColumnText(7);
  c.created_at = row.ColumnInt(8);
  if (!row.ColumnIsNull(9)) c.uploaded_at = row.ColumnInt(9);
  c.body_kept = row.ColumnInt(10) != 0;
  return c;
}

// Every row of a bound statement over kColumns.
Result<std::vector<ChunkRecord>> Collect(Statement& rows) {
  std::vector<ChunkRecord> out;
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, rows.Step());
    if (!row) break;
    out.push_back(FromRow(rows));
  }
  return out;
}

Result<std::vector<ChunkRecord>> Rows(Database& db, const std::string& sql, const std::string* text, int64_t limit) {
  ET_ASSIGN_OR_RETURN(Statement rows, db.Prepare(sql));
  int next = 1;
  if (text) rows.Bind(next++, *text);
  rows.Bind(next, limit);
  return Collect(rows);
}

// The events of a prepared chunk: ?1 group, (?2 ts, ?3 id) first, (?4 ts, ?5 id) last, ids below ?6.
#define ET_CHUNK_RANGE \
  " WHERE group_key = ?1 AND ts BETWEEN ?2 AND ?4 AND (ts > ?2 OR id >= ?3) AND (ts < ?4 OR id <= ?5) AND id < ?6"
constexpr const char* kRecount = "SELECT count(*), coalesce(sum(id), 0), count(target_id) FROM event_rows" ET_CHUNK_RANGE;
constexpr const char* kDeleteRange = "DELETE FROM event_rows" ET_CHUNK_RANGE;
// The same events' event_targets rows: the weeks of the range, scanned in key order.
constexpr const char* kDeleteTargets =
    "DELETE FROM event_targets" ET_CHUNK_RANGE " AND week BETWEEN ?2 / 604800000 AND ?4 / 604800000";
#undef ET_CHUNK_RANGE

Status Conflict(const std::string& message, nlohmann::json details) {
  return Status(ErrorCode::ArchiveConflict, message, std::move(details));
}

}  // namespace

Result<ChunkRecord> StoreChunk(Database& db, const ChunkRange& range, std::string_view gzip,
                               const std::string& sha256, int64_t now) {
  // The recount reads the range of event_rows' key (group_key, ts, id); each delete then runs
  // in one pass over its table's key range, removing each row where the scan stands: no row is
  // sought (event_targets is a table, not an index of event_rows, for this).
  ET_ASSIGN_OR_RETURN(int64_t group_key, EventGroupKey(db, range.group_id, false));
  ET_ASSIGN_OR_RETURN(Statement * count, db.Cached(kRecount));
  ET_ASSIGN_OR_RETURN(Statement * del, db.Cached(kDeleteRange));
  ET_ASSIGN_OR_RETURN(Statement * del_targets, db.Cached(kDeleteTargets));
  for (Statement* stmt : {count, del, del_targets}) {
    stmt->Bind(1, group_key).Bind(2, range.first.ts).Bind(3, range.first.id).Bind(4, range.last.ts);
    stmt->Bind(5, range.last.id).Bind(6, range.below_id);
  }
  Result<bool> counted = count->Step();
  int64_t found = counted.ok() ? count->ColumnInt(0) : 0, id_sum = counted.ok() ? count->ColumnInt(1) : 0;
  int64_t targets = counted.ok() ? count->ColumnInt(2) : 0;
  count->Reset();
  ET_RETURN_IF_ERROR(counted.status());
  if (found != range.events || id_sum != range.id_sum) {
    return Conflict("the events of the prepared chunk changed before it was committed (" +
                        std::to_string(found) + " in its range, " + std::to_string(range.events) +
                        " prepared); nothing was archived: prepare it again",
                    {{"rule", "events_changed"}, {"prepared", range.events}, {"found", found}});
  }
  ET_RETURN_IF_ERROR(del->Run());
  if (db.Changes() != found) return Status(ErrorCode::Internal, "the archive delete removed " + std::to_string(db.Changes()) +
                                           " events, the recount saw " + std::to_string(found));
  ET_RETURN_IF_ERROR(del_targets->Run());
  if (db.Changes() != targets) return Status(ErrorCode::Internal, "the archive delete removed " + std::to_string(db.Changes()) +
                                             " target entries, the recount saw " + std::to_string(targets));
  ET_ASSIGN_OR_RETURN(Statement * same, db.Cached("SELECT id FROM archives WHERE sha256 = ?1"));
  same->Bind(1, sha256);
  Result<bool> exists = same->Step();
  same->Reset();
  ET_RETURN_IF_ERROR(exists.status());
  if (exists.value()) return Conflict("a chunk with this SHA-256 is already stored", {{"rule", "duplicate_chunk"}, {"sha256", sha256}});
  ET_ASSIGN_OR_RETURN(Statement * insert,
                      db.Cached("INSERT INTO archives (group_id, from_ts, to_ts, event_count, byte_size, sha256, state, "
                                "body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?8)"));
  insert->Bind(1, range.group_id).Bind(2, range.first.ts).Bind(3, range.last.ts).Bind(4, range.events);
  insert->Bind(5, static_cast<int64_t>(gzip.size())).Bind(6, sha256).BindBlob(7, gzip).Bind(8, now);
  ET_RETURN_IF_ERROR(insert->Run());
  ChunkRecord chunk{db.LastInsertRowId(), range.group_id, range.first.ts, range.last.ts, range.events,
                    static_cast<int64_t>(gzip.size()), sha256, "pending", now, std::nullopt, true};
  return chunk;
}

Result<ChunkRecord> GetChunk(Database& db, int64_t id) {
  ET_ASSIGN_OR_RETURN(Statement row, db.Prepare(std::string("SELECT ") + kColumns + " FROM archives WHERE id = ?1"));
  row.Bind(1, id);
  ET_ASSIGN_OR_RETURN(bool found, row.Step());
  if (!found) {
    return Status(ErrorCode::NotFound, "no archive chunk has id " + std::to_string(id),
                  {{"field", "chunkId"}, {"rule", "exists"}, {"chunkId", id}});
  }
  return FromRow(row);
}

Result<std::string> ReadChunkBody(Database& db, const ChunkRecord& chunk) {
  ET_ASSIGN_OR_RETURN(Statement row, db.Prepare("SELECT body FROM archives WHERE id = ?1"));
  row.Bind(1, chunk.id);
  ET_ASSIGN_OR_RETURN(bool found, row.Step());
  if (!found || row.ColumnIsNull(0)) {
    return Status(ErrorCode::NotFound,
                  "the body of archive chunk " + std::to_string(chunk.id) +
                      " was dropped after upload (retention); the server holds it under its SHA-256",
                  {{"field", "chunkId"}, {"rule", "body_dropped"}, {"chunkId", chunk.id}, {"sha256", chunk.sha256}});
  }
  std::string body(row.ColumnBlob(0));
  std::string actual = Sha256Hex(body);
  if (actual != chunk.sha256 || static_cast<int64_t>(body.size()) != chunk.bytes) {
    return Status(ErrorCode::CorruptArchive,
                  "archive chunk " + std::to_string(chunk.id) + " does not match its SHA-256 (stored " +
                      chunk.sha256 + ", body hashes to " + actual + ")",
                  {{"chunkId", chunk.id}, {"expected", chunk.sha256}, {"actual", actual}});
  }
  return body;
}

Result<std::vector<ChunkRecord>> PendingChunks(Database& db, int64_t after_id, int64_t limit) {
  ET_ASSIGN_OR_RETURN(Statement rows, db.Prepare(std::string("SELECT ") + kColumns +
                                                 " FROM archives WHERE state = 'pending' AND id > ?1 ORDER BY id LIMIT ?2"));
  rows.Bind(1, after_id).Bind(2, limit);
  return Collect(rows);
}

Result<std::vector<ChunkRecord>> ListChunks(Database& db, const std::string& group_id, int64_t limit) {
  if (group_id.empty()) return Rows(db, std::string("SELECT ") + kColumns + " FROM archives ORDER BY id LIMIT ?1", nullptr, limit);
  return Rows(db, std::string("SELECT ") + kColumns + " FROM archives WHERE group_id = ?1 ORDER BY id LIMIT ?2",
              &group_id, limit);
}

Result<ChunkRecord> MarkUploaded(Database& db, int64_t id, const std::string& sha256, int64_t now) {
  ET_ASSIGN_OR_RETURN(ChunkRecord chunk, GetChunk(db, id));
  if (chunk.sha256 != sha256) {
    return Conflict("archive chunk " + std::to_string(id) + " has SHA-256 " + chunk.sha256 + ", not " + sha256 +
                        "; it was not marked uploaded",
                    {{"field", "sha256"}, {"rule", "sha256_mismatch"}, {"chunkId", id}, {"expected", chunk.sha256}});
  }
  if (chunk.state == "uploaded") return chunk;
  ET_ASSIGN_OR_RETURN(Statement * mark, db.Cached("UPDATE archives SET state = 'uploaded', uploaded_at = ?2 WHERE id = ?1"));
  mark->Bind(1, id).Bind(2, now);
  ET_RETURN_IF_ERROR(mark->Run());
  chunk.state = "uploaded";
  chunk.uploaded_at = now;
  return chunk;
}

Result<int64_t> DropUploadedBodies(Database& db, int64_t uploaded_before) {
  ET_ASSIGN_OR_RETURN(Statement drop, db.Prepare("UPDATE archives SET body = NULL WHERE state = 'uploaded' "
                                                 "AND body IS NOT NULL AND uploaded_at < ?1"));
  drop.Bind(1, uploaded_before);
  ET_RETURN_IF_ERROR(drop.Run());
  return db.Changes();
}

}  // namespace edgetally
