// Ledger: SQL for records and their running totals.
#include "usage/ledger.h"

#include <map>
#include <utility>

#include <nlohmann/json.hpp>

#include "store/database.h"
#include "store/statement.h"
#include "usage/quantity.h"
#include "usage/server_totals.h"

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
constexpr const char* kFindRecord =
    "SELECT metric, amount, period FROM usage WHERE group_id = ?1 AND record_id = ?2";
// Acknowledging lowers `unacked` unless a reset already cleared the record's contribution.
constexpr const char* kAcknowledge =
    "UPDATE usage SET synced = 1 WHERE record_id = ?1 AND synced = 0 AND (?2 IS NULL OR group_id = ?2) "
    "RETURNING group_id, metric, bucket, amount, ts, kind";
// One group's ids in one statement (the ids as a JSON array, read by SQLite in C).
constexpr const char* kAcknowledgeInGroup =
    "UPDATE usage SET synced = 1 WHERE group_id = ?1 AND synced = 0 "
    "AND record_id IN (SELECT value FROM json_each(?2)) RETURNING metric, bucket, amount, ts, kind";
constexpr const char* kLowerBucket =
    "UPDATE usage_totals SET unacked = unacked - ?4 WHERE group_id = ?1 AND metric = ?2 AND bucket = ?3";
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

Status Conflict(const UsageRecord& r, const std::string& metric, int64_t amount, const std::string& period) {
  nlohmann::json conflicts = nlohmann::json::array();
  if (metric != r.metric) conflicts.push_back("metric");
  if (amount != r.amount) conflicts.push_back("amount");
  if (period != PeriodName(r.period)) conflicts.push_back("period");
  return Status(ErrorCode::IdempotencyConflict,
                "recordId '" + r.record_id + "' was already recorded for this group with a different " +
                    conflicts[0].get<std::string>() + " (" + metric + ", " + std::to_string(amount) + ", " +
                    period + "); nothing was recorded",
                {{"field", "recordId"}, {"rule", "idempotency_conflict"}, {"recordId", r.record_id},
                 {"conflicts", conflicts},
                 {"recorded", {{"metric", metric}, {"amount", amount}, {"period", period}}}});
}

// The bucket's totals after the record: local, unacknowledged, and the server's total plus the
// unacknowledged part (what quota checks read), each within kMaxQuantity.
Status CheckRoom(Database& db, const UsageRecord& r, std::string_view field) {
  ET_ASSIGN_OR_RETURN(BucketTotals totals, ReadTotals(db, r.group_id, r.metric, r.bucket));
  ET_ASSIGN_OR_RETURN(std::optional<ServerTotal> server, ReadServerTotal(db, r.group_id, r.metric, r.bucket));
  std::string what = "the " + r.metric + " total";
  ET_RETURN_IF_ERROR(AddQuantity(totals.local_total, r.amount, field, what).status());
  ET_ASSIGN_OR_RETURN(int64_t unacked, AddQuantity(totals.unacked, r.amount, field, what));
  if (server) ET_RETURN_IF_ERROR(AddQuantity(server->value, unacked, field, what).status());
  return Status::Ok();
}

}  // namespace

Result<std::string> NewRecordId(Database& db) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached("SELECT 'u_' || lower(hex(randomblob(16)))"));
  ET_RETURN_IF_ERROR(stmt->Step().status());
  std::string id = stmt->ColumnText(0);
  stmt->Reset();
  return id;
}

Result<bool> IsReplay(Database& db, const UsageRecord& r) {
  ET_ASSIGN_OR_RETURN(Statement * find, db.Cached(kFindRecord));
  find->Bind(1, r.group_id).Bind(2, r.record_id);
  ET_ASSIGN_OR_RETURN(bool found, find->Step());
  if (!found) return false;
  std::string metric = find->ColumnText(0), period = find->ColumnText(2);
  int64_t amount = find->ColumnInt(1);
  find->Reset();
  if (metric == r.metric && amount == r.amount && period == PeriodName(r.period)) return true;
  return Conflict(r, metric, amount, period);
}

Result<bool> AppendRecord(Database& db, const UsageRecord& r, std::string_view field) {
  ET_ASSIGN_OR_RETURN(bool replay, IsReplay(db, r));
  if (replay) return false;
  if (r.kind != RecordKind::Reset) ET_RETURN_IF_ERROR(CheckRoom(db, r, field));
  ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsertRecord));
  insert->Bind(1, r.record_id).Bind(2, r.group_id).Bind(3, r.metric).Bind(4, std::string_view(KindName(r.kind)));
  insert->Bind(5, r.amount).Bind(6, PeriodName(r.period)).Bind(7, r.bounds.start);
  insert->Bind(8, r.bounds.end).Bind(9, r.bucket).Bind(10, r.ts);
  ET_RETURN_IF_ERROR(insert->Run());
  if (db.Changes() == 0) return false;  // cannot happen after IsReplay; kept as a guard
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

namespace {

struct Acknowledged {
  std::string group, metric;
  int64_t bucket, amount, ts;
};

// Marks one id (in one group or in all) and returns the records it marked, resets excluded.
Result<std::vector<Acknowledged>> MarkSynced(Database& db, const std::string& id,
                                             const std::optional<std::string>& group_id, int64_t* count) {
  ET_ASSIGN_OR_RETURN(Statement * mark, db.Cached(kAcknowledge));
  mark->Bind(1, id);
  if (group_id) mark->Bind(2, *group_id);
  std::vector<Acknowledged> marked;
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool found, mark->Step());
    if (!found) break;
    ++*count;
    if (mark->ColumnText(5) == "reset") continue;
    marked.push_back({mark->ColumnText(0), mark->ColumnText(1), mark->ColumnInt(2), mark->ColumnInt(3), mark->ColumnInt(4)});
  }
  mark->Reset();
  return marked;
}

// One group: the records are marked in one statement, then each bucket is lowered once by
// the amounts of its records not older than its reset (what kLowerUnacked does per record).
Result<int64_t> AcknowledgeInGroup(Database& db, const std::vector<std::string>& record_ids,
                                   const std::string& group_id) {
  ET_ASSIGN_OR_RETURN(Statement * mark, db.Cached(kAcknowledgeInGroup));
  std::string ids = nlohmann::json(record_ids).dump();
  mark->Bind(1, group_id).Bind(2, ids);
  std::map<std::pair<std::string, int64_t>, std::vector<std::pair<int64_t, int64_t>>> buckets;  // -> (amount, ts)
  int64_t count = 0;
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool found, mark->Step());
    if (!found) break;
    ++count;
    if (mark->ColumnText(4) == "reset") continue;
    buckets[{mark->ColumnText(0), mark->ColumnInt(1)}].emplace_back(mark->ColumnInt(2), mark->ColumnInt(3));
  }
  mark->Reset();
  for (const auto& [key, records] : buckets) {
    ET_ASSIGN_OR_RETURN(BucketTotals totals, ReadTotals(db, group_id, key.first, key.second));
    int64_t lower = 0;
    for (const auto& [amount, ts] : records) lower += totals.reset_at <= ts ? amount : 0;
    if (lower == 0) continue;
    ET_ASSIGN_OR_RETURN(Statement * update, db.Cached(kLowerBucket));
    update->Bind(1, group_id).Bind(2, key.first).Bind(3, key.second).Bind(4, lower);
    ET_RETURN_IF_ERROR(update->Run());
  }
  return count;
}

}  // namespace

Result<int64_t> AcknowledgeRecords(Database& db, const std::vector<std::string>& record_ids,
                                   const std::optional<std::string>& group_id) {
  if (group_id) return AcknowledgeInGroup(db, record_ids, *group_id);
  int64_t acknowledged = 0;
  for (const std::string& id : record_ids) {
    ET_ASSIGN_OR_RETURN(std::vector<Acknowledged> marked, MarkSynced(db, id, group_id, &acknowledged));
    for (const Acknowledged& a : marked) {
      ET_ASSIGN_OR_RETURN(Statement * lower, db.Cached(kLowerUnacked));
      lower->Bind(1, a.group).Bind(2, a.metric).Bind(3, a.bucket).Bind(4, a.amount).Bind(5, a.ts);
      ET_RETURN_IF_ERROR(lower->Run());
    }
  }
  return acknowledged;
}

}  // namespace edgetally
