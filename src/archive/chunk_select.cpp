// ChunkSelect: one indexed scan of events_by_group_ts (group_id, ts, rowid) in archival order,
// encoded with JsonWriter straight from SQLite's column buffers (metadata is stored as JSON
// text and copied as is).
#include "archive/chunk_select.h"

#include "archive/gzip_check.h"
#include "common/json_writer.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {

constexpr const char* kSelect =
    "SELECT id, type, actor_id, target_id, ts, amount, currency, metadata FROM events "
    "WHERE group_id = ?1 AND ts < ?2 AND id < ?4 ORDER BY ts, id LIMIT ?3";

void NullableInt(JsonWriter& w, const Statement& row, int column) {
  if (row.ColumnIsNull(column)) w.Null();
  else w.Int(row.ColumnInt(column));
}

void EncodeLine(JsonWriter& w, const Statement& row, std::string_view group_id) {
  w.BeginObject();
  w.Key("id").Int(row.ColumnInt(0));
  w.Key("groupId").String(group_id);
  w.Key("type").String(row.ColumnView(1));
  w.Key("actorId");
  NullableInt(w, row, 2);
  w.Key("targetId");
  NullableInt(w, row, 3);
  w.Key("ts").Int(row.ColumnInt(4));
  w.Key("amount");
  NullableInt(w, row, 5);
  w.Key("currency");
  if (row.ColumnIsNull(6)) w.Null();
  else w.String(row.ColumnView(6));
  std::string_view metadata = row.ColumnView(7);
  w.Key("metadata").Raw(metadata.empty() ? std::string_view("{}") : metadata);
  w.EndObject().EndLine();
}

}  // namespace

Result<PreparedChunk> SelectChunk(Database& db, const std::string& group_id, int64_t cutoff_ts,
                                  const ChunkLimits& limits) {
  PreparedChunk chunk;
  chunk.range.group_id = group_id;
  ET_ASSIGN_OR_RETURN(Statement * top, db.Cached("SELECT coalesce(max(id), 0) FROM events"));
  Result<bool> has_top = top->Step();
  chunk.range.below_id = has_top.ok() ? top->ColumnInt(0) : 0;
  top->Reset();
  ET_RETURN_IF_ERROR(has_top.status());
  ET_ASSIGN_OR_RETURN(Statement * rows, db.Cached(kSelect));
  rows->Bind(1, group_id).Bind(2, cutoff_ts).Bind(3, limits.max_events + 1).Bind(4, chunk.range.below_id);
  JsonWriter w;
  int64_t line_start = 0;
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, rows->Step());
    if (!row) break;
    if (chunk.range.events == limits.max_events) {
      chunk.more = true;
      break;
    }
    line_start = static_cast<int64_t>(w.size());
    EncodeLine(w, *rows, group_id);
    if (chunk.range.events > 0 && static_cast<int64_t>(w.size()) > limits.max_bytes) {
      chunk.more = true;
      break;
    }
    EventKey key{rows->ColumnInt(4), rows->ColumnInt(0)};
    if (chunk.range.events == 0) chunk.range.first = key;
    chunk.range.last = key;
    chunk.range.events++;
    chunk.range.id_sum += key.id;
    line_start = static_cast<int64_t>(w.size());
  }
  rows->Reset();
  chunk.ndjson = w.Take();
  chunk.ndjson.resize(static_cast<size_t>(line_start));  // drops a line encoded past the bound
  chunk.crc32 = Crc32(chunk.ndjson);
  return chunk;
}

}  // namespace edgetally
