// Outbox: SQL over the ledger's outbox rows (usage_outbox), the ledger and sync_dead_letters.
#include "sync/outbox.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/json_writer.h"
#include "store/database.h"
#include "store/statement.h"
#include "usage/usage_outbox.h"

namespace edgetally {

namespace {

// The groups with pending records, one at a time (a seek per group, however many records).
constexpr const char* kNextGroup =
    "SELECT group_id FROM usage_outbox WHERE group_id > ?1 ORDER BY group_id LIMIT 1";
constexpr const char* kOldestInGroup = "SELECT min(ts) FROM usage_outbox WHERE group_id = ?1";
constexpr const char* kReadPending =
    "SELECT record_id, metric, kind, amount, period, period_start, period_end, bucket, ts FROM usage_outbox "
    "WHERE group_id = ?1 ORDER BY ts, record_id LIMIT ?2";
constexpr const char* kReadPendingAfter =
    "SELECT record_id, metric, kind, amount, period, period_start, period_end, bucket, ts FROM usage_outbox "
    "WHERE group_id = ?1 AND (ts, record_id) > (?3, ?4) ORDER BY ts, record_id LIMIT ?2";
// The exact size of each pending record's event, as cloud_event.h defines it.
constexpr const char* kCountPending =
    "SELECT count(*), coalesce(sum(length(record_id) + length(group_id) + length(metric) + length(kind) + "
    "length(period) + length(amount) + length(period_start) + length(period_end) + length(bucket)), 0), "
    "min(ts) FROM usage_outbox";
constexpr const char* kCountDead = "SELECT count(*) FROM sync_dead_letters";
constexpr const char* kPark = "UPDATE usage SET synced = 2 WHERE group_id = ?1 AND record_id = ?2";
constexpr const char* kInsertDead =
    "INSERT OR REPLACE INTO sync_dead_letters (group_id, record_id, code, reason, parked_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
constexpr const char* kListDead =
    "SELECT d.group_id, d.record_id, u.metric, u.amount, d.code, d.reason, d.parked_at "
    "FROM sync_dead_letters d JOIN usage u ON u.group_id = d.group_id AND u.record_id = d.record_id "
    "WHERE ?1 IS NULL OR d.group_id = ?1 ORDER BY d.parked_at, d.record_id LIMIT ?2";
constexpr const char* kSelectDead =
    "SELECT group_id, record_id FROM sync_dead_letters WHERE (?1 IS NULL OR group_id = ?1) "
    "AND (json_array_length(?2) = 0 OR record_id IN (SELECT value FROM json_each(?2)))";
constexpr const char* kDropDead = "DELETE FROM sync_dead_letters WHERE group_id = ?1 AND record_id = ?2";
// Settled without the server: acknowledged (no outbox row) and not parked.
constexpr const char* kMarkDiscarded =
    "UPDATE usage SET synced = 3 WHERE group_id = ?1 AND record_id = ?2 AND synced IN (0, 1) AND NOT EXISTS "
    "(SELECT 1 FROM usage_outbox o WHERE o.group_id = ?1 AND o.record_id = ?2)";
constexpr const char* kUnpark = "UPDATE usage SET synced = 0 WHERE group_id = ?1 AND record_id = ?2 AND synced = 2";

}  // namespace

Result<std::optional<std::string>> OldestPendingGroup(Database& db, const std::vector<std::string>& skip) {
  std::optional<std::string> oldest;
  int64_t oldest_ts = 0;
  std::string group;  // "" sorts before every group id
  for (;;) {
    ET_ASSIGN_OR_RETURN(Statement * next, db.Cached(kNextGroup));
    next->Bind(1, group);
    ET_ASSIGN_OR_RETURN(bool found, next->Step());
    if (found) group = next->ColumnText(0);
    next->Reset();
    if (!found) return oldest;
    if (std::find(skip.begin(), skip.end(), group) != skip.end()) continue;
    ET_ASSIGN_OR_RETURN(Statement * min_ts, db.Cached(kOldestInGroup));
    min_ts->Bind(1, group);
    ET_RETURN_IF_ERROR(min_ts->Step().status());
    int64_t ts = min_ts->ColumnInt(0);
    min_ts->Reset();
    if (!oldest || ts < oldest_ts) oldest = group, oldest_ts = ts;
  }
}

Result<PendingBatch> ReadPending(Database& db, const std::string& group_id, const std::string& device_id,
                                 int64_t max_records, int64_t max_bytes, const std::optional<OutboxCursor>& after) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(after ? kReadPendingAfter : kReadPending));
  stmt->Bind(1, group_id).Bind(2, max_records);
  if (after) stmt->Bind(3, after->ts).Bind(4, after->record_id);
  PendingBatch batch;
  OutboxDigest digest;
  batch.events.push_back('[');
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    PendingRecord r{stmt->ColumnText(0), stmt->ColumnText(1), stmt->ColumnText(2), stmt->ColumnInt(3),
                    stmt->ColumnText(4), stmt->ColumnInt(5),  stmt->ColumnInt(6),  stmt->ColumnInt(7),
                    stmt->ColumnInt(8)};
    JsonWriter event;
    event.Reserve(400);  // one allocation: an event takes about 320 bytes
    WriteUsageEvent(event, r, group_id, device_id);
    // the text so far, a comma unless first, the event, the closing bracket
    int64_t bytes = static_cast<int64_t>(batch.events.size() + event.text().size()) + (batch.records.empty() ? 1 : 2);
    if (!batch.records.empty() && bytes > max_bytes) break;
    if (!batch.records.empty()) batch.events.push_back(',');
    batch.events.append(event.text());
    digest.Add(r.record_id);
    batch.records.push_back(std::move(r));
  }
  stmt->Reset();
  batch.events.push_back(']');
  batch.digest = digest.Hex();
  return batch;
}

Result<OutboxCounts> CountOutbox(Database& db, int64_t device_id_bytes) {
  OutboxCounts counts;
  ET_ASSIGN_OR_RETURN(Statement * pending, db.Cached(kCountPending));
  ET_RETURN_IF_ERROR(pending->Step().status());
  counts.pending = pending->ColumnInt(0);
  counts.pending_bytes = pending->ColumnInt(1) + counts.pending * (UsageEventFixedBytes() + device_id_bytes);
  if (!pending->ColumnIsNull(2)) counts.oldest_ts = pending->ColumnInt(2);
  pending->Reset();
  ET_ASSIGN_OR_RETURN(Statement * dead, db.Cached(kCountDead));
  ET_RETURN_IF_ERROR(dead->Step().status());
  counts.dead_letters = dead->ColumnInt(0);
  dead->Reset();
  return counts;
}

Result<bool> ParkRecord(Database& db, const std::string& group_id, const std::string& record_id,
                        const std::string& code, const std::string& reason, int64_t now) {
  ET_ASSIGN_OR_RETURN(std::vector<SettledRecord> taken, TakeOutboxRecord(db, record_id, group_id));
  if (taken.empty()) return false;
  ET_ASSIGN_OR_RETURN(Statement * park, db.Cached(kPark));
  park->Bind(1, group_id).Bind(2, record_id);
  ET_RETURN_IF_ERROR(park->Run());
  ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsertDead));
  insert->Bind(1, group_id).Bind(2, record_id).Bind(3, code).Bind(4, reason).Bind(5, now);
  ET_RETURN_IF_ERROR(insert->Run());
  return true;
}

Result<std::vector<DeadLetter>> ListDeadLetters(Database& db, std::optional<std::string> group_id,
                                                int64_t limit) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(kListDead));
  if (group_id) stmt->Bind(1, *group_id); else stmt->BindNull(1);
  stmt->Bind(2, limit);
  std::vector<DeadLetter> letters;
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    letters.push_back({stmt->ColumnText(0), stmt->ColumnText(1), stmt->ColumnText(2), stmt->ColumnText(4),
                       stmt->ColumnText(5), stmt->ColumnInt(3), stmt->ColumnInt(6)});
  }
  stmt->Reset();
  return letters;
}

Result<std::vector<std::pair<std::string, std::string>>> SelectDeadLetters(
    Database& db, const std::optional<std::string>& group_id, const std::vector<std::string>& record_ids) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(kSelectDead));
  if (group_id) stmt->Bind(1, *group_id); else stmt->BindNull(1);
  std::string ids = nlohmann::json(record_ids).dump();
  stmt->Bind(2, ids);
  std::vector<std::pair<std::string, std::string>> keys;
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    keys.emplace_back(stmt->ColumnText(0), stmt->ColumnText(1));
  }
  stmt->Reset();
  return keys;
}

Status RequeueRecord(Database& db, const std::string& group_id, const std::string& record_id) {
  ET_ASSIGN_OR_RETURN(Statement * drop, db.Cached(kDropDead));
  drop->Bind(1, group_id).Bind(2, record_id);
  ET_RETURN_IF_ERROR(drop->Run());
  ET_ASSIGN_OR_RETURN(Statement * unpark, db.Cached(kUnpark));
  unpark->Bind(1, group_id).Bind(2, record_id);
  ET_RETURN_IF_ERROR(unpark->Run());
  if (db.Changes() == 0) return Status::Ok();
  return RestoreOutboxRow(db, group_id, record_id);
}

Status MarkDiscarded(Database& db, const std::string& group_id, const std::string& record_id) {
  ET_ASSIGN_OR_RETURN(Statement * mark, db.Cached(kMarkDiscarded));
  mark->Bind(1, group_id).Bind(2, record_id);
  return mark->Run();
}

}  // namespace edgetally
