// Ledger: SQL for records and their running totals.
#include "usage/ledger.h"

#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {

constexpr const char* kInsertRecord =
    "INSERT OR IGNORE INTO usage (record_id, group_id, metric, kind, amount, period, "
    "period_start, period_end, bucket, ts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr const char* kAddToTotals =
    "INSERT INTO usage_totals (group_id, metric, bucket, local_total, unacked) "
    "VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT DO UPDATE SET "
    "local_total = local_total + excluded.local_total, unacked = unacked + excluded.unacked";
constexpr const char* kResetTotals =
    "INSERT INTO usage_totals (group_id, metric, bucket, local_total, unacked, reset_at) "
    "VALUES (?1, ?2, ?3, 0, 0, ?4) ON CONFLICT DO UPDATE SET "
    "local_total = 0, unacked = 0, reset_at = excluded.reset_at";
constexpr const char* kReadTotals =
    "SELECT local_total, unacked, reset_at FROM usage_totals "
    "WHERE group_id = ?1 AND metric = ?2 AND bucket = ?3";
// Acknowledging lowers `unacked` unless a reset already cleared the record's contribution.
constexpr const char* kAcknowledge =
    "UPDATE usage SET synced = 1 WHERE record_id = ?1 AND synced = 0 "
    "RETURNING group_id, metric, bucket, amount, ts, kind";
constexpr const char* kLowerUnacked =
    "UPDATE usage_totals SET unacked = unacked - ?4 "
    "WHERE group_id = ?1 AND metric = ?2 AND bucket = ?3 AND reset_at <= ?5";

const char* KindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::Add: return "add";
    case RecordKind::Adjust: return "adjust";
    case RecordKind::Reset: return "reset";
  }
  return "add";
}

Status UpdateTotals(Database& db, const UsageRecord& r) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(r.kind == RecordKind::Reset ? kResetTotals : kAddToTotals));
  stmt->Bind(1, r.group_id).Bind(2, r.metric).Bind(3, r.bucket);
  stmt->Bind(4, r.kind == RecordKind::Reset ? r.ts : r.amount);
  return stmt->Run();
}

}  // namespace

Result<std::string> NewRecordId(Database& db) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached("SELECT 'u_' || lower(hex(randomblob(16)))"));
  ET_RETURN_IF_ERROR(stmt->Step().status());
  std::string id = stmt->ColumnText(0);
  stmt->Reset();
  return id;
}

Result<bool> AppendRecord(Database& db, const UsageRecord& r) {
  ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsertRecord));
  insert->Bind(1, r.record_id).Bind(2, r.group_id).Bind(3, r.metric).Bind(4, std::string_view(KindName(r.kind)));
  insert->Bind(5, r.amount).Bind(6, PeriodName(r.period)).Bind(7, r.bounds.start);
  insert->Bind(8, r.bounds.end).Bind(9, r.bucket).Bind(10, r.ts);
  ET_RETURN_IF_ERROR(insert->Run());
  if (db.Changes() == 0) return false;  // replayed id
  ET_RETURN_IF_ERROR(UpdateTotals(db, r));
  return true;
}

Result<BucketTotals> ReadTotals(Database& db, const std::string& group_id,
                                const std::string& metric, int64_t bucket) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(kReadTotals));
  stmt->Bind(1, group_id).Bind(2, metric).Bind(3, bucket);
  ET_ASSIGN_OR_RETURN(bool found, stmt->Step());
  BucketTotals totals;
  if (found) totals = {stmt->ColumnInt(0), stmt->ColumnInt(1), stmt->ColumnInt(2)};
  stmt->Reset();
  return totals;
}

Result<int64_t> AcknowledgeRecords(Database& db, const std::vector<std::string>& record_ids) {
  int64_t acknowledged = 0;
  for (const std::string& id : record_ids) {
    ET_ASSIGN_OR_RETURN(Statement * mark, db.Cached(kAcknowledge));
    mark->Bind(1, id);
    ET_ASSIGN_OR_RETURN(bool found, mark->Step());
    if (!found) continue;
    std::string group = mark->ColumnText(0), metric = mark->ColumnText(1);
    int64_t bucket = mark->ColumnInt(2), amount = mark->ColumnInt(3), ts = mark->ColumnInt(4);
    bool is_reset = mark->ColumnText(5) == "reset";
    mark->Reset();
    ++acknowledged;
    if (is_reset) continue;
    ET_ASSIGN_OR_RETURN(Statement * lower, db.Cached(kLowerUnacked));
    lower->Bind(1, group).Bind(2, metric).Bind(3, bucket).Bind(4, amount).Bind(5, ts);
    ET_RETURN_IF_ERROR(lower->Run());
  }
  return acknowledged;
}

}  // namespace edgetally
