// ArchiveStore: the local chunks (table `archives`, README "Archival"). A chunk is stored in
// the same transaction that deletes exactly its events from the hot table; its row with state
// 'pending' is what sync owes the server (the row is its own outbox entry), 'uploaded' once the
// server confirmed it holds the same SHA-256. An uploaded chunk's body may later be dropped
// (retention); its metadata stays. All writes run in the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive/chunk_select.h"
#include "common/status.h"

namespace edgetally {

class Database;

struct ChunkRecord {
  int64_t id = 0;
  std::string group_id;
  int64_t from_ts = 0, to_ts = 0, events = 0, bytes = 0;  // bytes: of the gzip body
  std::string sha256;
  std::string state;  // "pending" | "uploaded"
  int64_t created_at = 0;
  std::optional<int64_t> uploaded_at;
  bool body_kept = true;
};

// Deletes the events of `range` and stores `gzip` (whose SHA-256 is `sha256`) as a pending
// chunk at `now`. ArchiveConflict (the caller rolls back, so nothing stays written) when the
// delete does not remove exactly the prepared events (range.events events whose ids sum to
// range.id_sum), or a chunk with this hash already exists.
Result<ChunkRecord> StoreChunk(Database& db, const ChunkRange& range, std::string_view gzip,
                               const std::string& sha256, int64_t now);

// The chunk with this id; NotFound naming chunkId otherwise.
Result<ChunkRecord> GetChunk(Database& db, int64_t id);
// Its gzip body, verified against its SHA-256: CorruptArchive on a mismatch, NotFound (rule
// body_dropped) once retention dropped it.
Result<std::string> ReadChunkBody(Database& db, const ChunkRecord& chunk);
// Pending chunks with an id above `after_id`, oldest first, at most `limit` (a keyset page: the
// caller passes the last id it saw to read on past chunks it skips, e.g. parked ones).
Result<std::vector<ChunkRecord>> PendingChunks(Database& db, int64_t after_id, int64_t limit);
// A group's chunks (or every group's with an empty id), oldest first, at most `limit`.
Result<std::vector<ChunkRecord>> ListChunks(Database& db, const std::string& group_id, int64_t limit);
// Marks the chunk uploaded at `now` (idempotent: already uploaded is Ok). NotFound for an
// unknown id; ArchiveConflict (rule sha256_mismatch) when `sha256` is not the chunk's.
Result<ChunkRecord> MarkUploaded(Database& db, int64_t id, const std::string& sha256, int64_t now);
// Drops the bodies of uploaded chunks uploaded before `uploaded_before`; returns how many.
Result<int64_t> DropUploadedBodies(Database& db, int64_t uploaded_before);

}  // namespace edgetally
