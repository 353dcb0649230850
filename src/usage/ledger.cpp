// Ledger: SQL for records and their running totals.
#include "usage/ledger.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "store/database.h"
#include "store/statement.h"
#include "usage/quantity.h"
#include "usage/server_totals.h"
#include "usage/usage_outbox.h"

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
constexpr const char* kLowerBucket =
    "UPDATE usage_totals SET unacked = unacked - ?4 WHERE group_id = ?1 AND metric = ?2 AND bucket = ?3";

// An add or adjustment to a bucket known to have a row is a plain update of that row (one
// seek, where the upsert's insert attempt is a second).
constexpr const char* kAddToStoredTotals =
    "UPDATE usage_totals SET local_total = local_total + ?4, unacked = unacked + ?4 "
    "WHERE group_id = ?1 AND metric = ?2 AND bucket = ?3";

Status UpdateTotals(Database& db, const UsageRecord& r, bool stored) {
  const char* sql = r.kind == RecordKind::Reset ? kResetTotals : stored ? kAddToStoredTotals : kAddToTotals;
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(sql));
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
// unacknowledged part (what quota checks read), each within kMaxQuantity. Returns the bucket as
// it stands before the record.
Result<BucketState> CheckRoom(Database& db, const UsageRecord& r, std::string_view field) {
  BucketState bucket;
  ET_ASSIGN_OR_RETURN(bucket.totals, ReadTotals(db, r.group_id, r.metric, r.bucket));
  ET_ASSIGN_OR_RETURN(bucket.server, ReadServerTotal(db, r.group_id, r.metric, r.bucket));
  std::string what = "the " + r.metric + " total";
  ET_RETURN_IF_ERROR(AddQuantity(bucket.totals.local_total, r.amount, field, what).status());
  ET_ASSIGN_OR_RETURN(int64_t unacked, AddQuantity(bucket.totals.unacked, r.amount, field, what));
  if (bucket.server) ET_RETURN_IF_ERROR(AddQuantity(bucket.server->value, unacked, field, what).status());
  return bucket;
}

// The low `digits` nibbles of `value` as lowercase hex digits, most significant first.
void AppendHex(std::string& out, uint64_t value, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) out.push_back(kHex[(value >> shift) & 0xf]);
}

}  // namespace

const char* RecordKindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::Add: return "add";
    case RecordKind::Adjust: return "adjust";
    case RecordKind::Reset: return "reset";
  }
  return "add";
}

std::string NewRecordId(int64_t ts) {
  // 12 hex digits of the time (48 bits of ms: until the year 10889), then 80 random bits.
  unsigned char random[10];
  sqlite3_randomness(sizeof random, random);
  std::string id;
  id.reserve(34);
  id.append("u_");
  AppendHex(id, static_cast<uint64_t>(std::clamp<int64_t>(ts, 0, (int64_t{1} << 48) - 1)), 12);
  for (unsigned char byte : random) AppendHex(id, byte, 2);
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

Result<bool> AppendRecord(Database& db, const UsageRecord& r, std::string_view field,
                          std::optional<BucketState>* after) {
  if (!r.generated_id) {
    ET_ASSIGN_OR_RETURN(bool replay, IsReplay(db, r));
    if (replay) return false;
  }
  std::optional<BucketState> bucket;
  if (r.kind != RecordKind::Reset) {
    ET_ASSIGN_OR_RETURN(bucket, CheckRoom(db, r, field));
  }
  ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached(kInsertRecord));
  insert->Bind(1, r.record_id).Bind(2, r.group_id).Bind(3, r.metric).Bind(4, std::string_view(RecordKindName(r.kind)));
  insert->Bind(5, r.amount).Bind(6, PeriodName(r.period)).Bind(7, r.bounds.start);
  insert->Bind(8, r.bounds.end).Bind(9, r.bucket).Bind(10, r.ts);
  ET_RETURN_IF_ERROR(insert->Run());
  if (db.Changes() == 0) return false;  // cannot happen after IsReplay or for a new id; kept as a guard
  ET_RETURN_IF_ERROR(AddOutboxRow(db, r));
  ET_RETURN_IF_ERROR(UpdateTotals(db, r, bucket && bucket->totals.stored));
  if (after && bucket) {
    // The sums CheckRoom proved to stay within kMaxQuantity.
    bucket->totals.local_total += r.amount;
    bucket->totals.unacked += r.amount;
    bucket->totals.stored = true;
    *after = std::move(bucket);
  }
  return true;
}

Result<BucketTotals> ReadTotals(Database& db, const std::string& group_id,
                                const std::string& metric, int64_t bucket) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(kReadTotals));
  stmt->Bind(1, group_id).Bind(2, metric).Bind(3, bucket);
  ET_ASSIGN_OR_RETURN(bool found, stmt->Step());
  BucketTotals totals;
  if (found) totals = {stmt->ColumnInt(0), stmt->ColumnInt(1), stmt->ColumnInt(2), true};
  stmt->Reset();
  return totals;
}

namespace {

// Lowers each bucket's unacknowledged total once, by the amounts of its settled records not
// older than the bucket's last reset (resets themselves carry none).
Status LowerUnacked(Database& db, const std::vector<SettledRecord>& settled) {
  std::map<std::tuple<std::string, std::string, int64_t>, std::vector<const SettledRecord*>> buckets;
  for (const SettledRecord& r : settled) {
    if (!r.reset) buckets[{r.group_id, r.metric, r.bucket}].push_back(&r);
  }
  for (const auto& [key, records] : buckets) {
    const auto& [group_id, metric, bucket] = key;
    ET_ASSIGN_OR_RETURN(BucketTotals totals, ReadTotals(db, group_id, metric, bucket));
    int64_t lower = 0;
    for (const SettledRecord* r : records) lower += totals.reset_at <= r->ts ? r->amount : 0;
    if (lower == 0) continue;
    ET_ASSIGN_OR_RETURN(Statement * update, db.Cached(kLowerBucket));
    update->Bind(1, group_id).Bind(2, metric).Bind(3, bucket).Bind(4, lower);
    ET_RETURN_IF_ERROR(update->Run());
  }
  return Status::Ok();
}

}  // namespace

Result<int64_t> AcknowledgeRecords(Database& db, const std::vector<std::string>& record_ids,
                                   const std::optional<std::string>& group_id) {
  std::vector<SettledRecord> settled;
  if (group_id) {
    ET_ASSIGN_OR_RETURN(settled, TakeOutboxRecords(db, *group_id, record_ids));
  } else {
    for (const std::string& id : record_ids) {
      ET_ASSIGN_OR_RETURN(std::vector<SettledRecord> one, TakeOutboxRecord(db, id, std::nullopt));
      settled.insert(settled.end(), one.begin(), one.end());
    }
  }
  ET_RETURN_IF_ERROR(LowerUnacked(db, settled));
  return static_cast<int64_t>(settled.size());
}

Result<std::optional<int64_t>> AcknowledgeRange(Database& db, const std::string& group_id, const OutboxRange& range,
                                                const std::vector<std::string>& keep) {
  ET_ASSIGN_OR_RETURN(std::optional<std::vector<SettledRecord>> settled, TakeOutboxRange(db, group_id, range, keep));
  if (!settled) return std::optional<int64_t>();
  ET_RETURN_IF_ERROR(LowerUnacked(db, *settled));
  return std::optional<int64_t>(static_cast<int64_t>(settled->size()));
}

}  // namespace edgetally
