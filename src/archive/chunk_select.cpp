// ChunkSelect: one scan of event_rows' own key (group_key, ts, id) in archival order,
// encoded straight from SQLite's column buffers (metadata is stored as JSON text and copied as
// is; the keys are literal text).
#include "archive/chunk_select.h"

#include <charconv>

#include "archive/gzip_check.h"
#include "common/json_text.h"
#include "model/events.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {

#define ET_CHUNK_SELECT                                                         \
  "SELECT id, type, actor_id, target_id, ts, amount, currency, metadata FROM event_rows " \
  "WHERE group_key = ?1 AND ts < ?2 AND id < ?4"
constexpr const char* kSelect = ET_CHUNK_SELECT " ORDER BY ts, id LIMIT ?3";
// After (?5 ts, ?6 id): the range starts at ts ?5 in the index; the equal-ts rows are filtered.
constexpr const char* kSelectAfter = ET_CHUNK_SELECT " AND ts >= ?5 AND (ts > ?5 OR id > ?6) ORDER BY ts, id LIMIT ?3";
#undef ET_CHUNK_SELECT

// Appends an integer column, or null.
void AppendInt(std::string* out, const Statement& row, int column) {
  if (row.ColumnIsNull(column)) {
    out->append("null");
    return;
  }
  char buffer[24];
  out->append(buffer, std::to_chars(buffer, buffer + sizeof buffer, row.ColumnInt(column)).ptr);
}

// One line of format v1: the keys are constant text, so each is appended with its
// punctuation; `group_json` is the group id already written as a JSON string.
void EncodeLine(std::string* out, const Statement& row, std::string_view group_json) {
  out->append("{\"id\":");
  AppendInt(out, row, 0);
  out->append(",\"groupId\":").append(group_json).append(",\"type\":");
  AppendJsonString(out, row.ColumnView(1));
  out->append(",\"actorId\":");
  AppendInt(out, row, 2);
  out->append(",\"targetId\":");
  AppendInt(out, row, 3);
  out->append(",\"ts\":");
  AppendInt(out, row, 4);
  out->append(",\"amount\":");
  AppendInt(out, row, 5);
  out->append(",\"currency\":");
  if (row.ColumnIsNull(6)) out->append("null");
  else AppendJsonString(out, row.ColumnView(6));
  std::string_view metadata = row.ColumnView(7);
  out->append(",\"metadata\":").append(metadata.empty() ? std::string_view("{}") : metadata).append("}\n");
}

}  // namespace

Result<PreparedChunk> SelectChunk(Database& db, const std::string& group_id, int64_t cutoff_ts,
                                  const ChunkLimits& limits, const EventKey* after) {
  PreparedChunk chunk;
  chunk.range.group_id = group_id;
  ET_ASSIGN_OR_RETURN(int64_t last_id, LastEventId(db));
  chunk.range.below_id = last_id + 1;
  ET_ASSIGN_OR_RETURN(int64_t group_key, EventGroupKey(db, group_id, false));
  ET_ASSIGN_OR_RETURN(Statement * rows, db.Cached(after ? kSelectAfter : kSelect));
  rows->Bind(1, group_key).Bind(2, cutoff_ts).Bind(3, limits.max_events + 1).Bind(4, chunk.range.below_id);
  if (after) rows->Bind(5, after->ts).Bind(6, after->id);
  std::string out, group_json;
  AppendJsonString(&group_json, group_id);
  int64_t line_start = 0;
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, rows->Step());
    if (!row) break;
    if (chunk.range.events == limits.max_events) {
      chunk.more = true;
      break;
    }
    line_start = static_cast<int64_t>(out.size());
    EncodeLine(&out, *rows, group_json);
    if (chunk.range.events > 0 && static_cast<int64_t>(out.size()) > limits.max_bytes) {
      chunk.more = true;
      break;
    }
    EventKey key{rows->ColumnInt(4), rows->ColumnInt(0)};
    if (chunk.range.events == 0) chunk.range.first = key;
    chunk.range.last = key;
    chunk.range.events++;
    chunk.range.id_sum += key.id;
    line_start = static_cast<int64_t>(out.size());
  }
  rows->Reset();
  chunk.ndjson = std::move(out);
  chunk.ndjson.resize(static_cast<size_t>(line_start));  // drops a line encoded past the bound
  chunk.crc32 = Crc32(chunk.ndjson);
  return chunk;
}

}  // namespace edgetally
