// UsageOutbox: SQL over usage_outbox.
#include "usage/usage_outbox.h"

#include <cstdio>
#include <limits>
#include <set>

#include <nlohmann/json.hpp>

#include "store/database.h"
#include "store/statement.h"
#include "usage/ledger.h"

namespace edgetally {

namespace {

constexpr const char* kAddRow =
    "INSERT INTO usage_outbox (group_id, ts, record_id, metric, kind, amount, period, period_start, "
    "period_end, bucket) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
constexpr const char* kRestoreRow =
    "INSERT OR IGNORE INTO usage_outbox (group_id, ts, record_id, metric, kind, amount, period, "
    "period_start, period_end, bucket) SELECT group_id, ts, record_id, metric, kind, amount, period, "
    "period_start, period_end, bucket FROM usage WHERE group_id = ?1 AND record_id = ?2";
constexpr const char* kTakeRecord =
    "DELETE FROM usage_outbox WHERE (group_id, ts, record_id) IN (SELECT group_id, ts, record_id FROM usage "
    "WHERE record_id = ?1 AND (?2 IS NULL OR group_id = ?2)) RETURNING group_id, metric, bucket, amount, ts, kind";
constexpr const char* kTakeRecords =
    "DELETE FROM usage_outbox WHERE group_id = ?1 AND (ts, record_id) IN (SELECT ts, record_id FROM usage "
    "WHERE group_id = ?1 AND record_id IN (SELECT value FROM json_each(?2))) "
    "RETURNING group_id, metric, bucket, amount, ts, kind";
// A range (after, last]; without `after`, from (INT64_MIN, ''), before every record.
constexpr const char* kRangeRows =
    "SELECT record_id, group_id, metric, bucket, amount, ts, kind FROM usage_outbox "
    "WHERE group_id = ?1 AND (ts, record_id) > (?2, ?3) AND (ts, record_id) <= (?4, ?5) ORDER BY ts, record_id";
constexpr const char* kRangeDelete =
    "DELETE FROM usage_outbox WHERE group_id = ?1 AND (ts, record_id) > (?2, ?3) AND (ts, record_id) <= (?4, ?5) "
    "AND record_id NOT IN (SELECT value FROM json_each(?6))";

// Columns (group_id, metric, bucket, amount, ts, kind) from `first` on.
SettledRecord SettledAt(const Statement& stmt, int first) {
  return {stmt.ColumnText(first), stmt.ColumnText(first + 1), stmt.ColumnInt(first + 2), stmt.ColumnInt(first + 3),
          stmt.ColumnInt(first + 4), stmt.ColumnView(first + 5) == "reset"};
}

Result<std::vector<SettledRecord>> Collect(Statement& stmt) {
  std::vector<SettledRecord> settled;
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    settled.push_back(SettledAt(stmt, 0));
  }
  stmt.Reset();
  return settled;
}

void BindRange(Statement& stmt, const std::string& group_id, const OutboxRange& range) {
  stmt.Bind(1, group_id);
  if (range.after) {
    stmt.Bind(2, range.after->ts).Bind(3, std::string_view(range.after->record_id));
  } else {
    stmt.Bind(2, std::numeric_limits<int64_t>::min()).Bind(3, std::string_view(""));  // "", not NULL
  }
  stmt.Bind(4, range.last.ts).Bind(5, std::string_view(range.last.record_id));
}

}  // namespace

void OutboxDigest::Add(std::string_view record_id) {
  for (unsigned char c : record_id) hash_ = (hash_ ^ c) * 1099511628211ull;
  hash_ = (hash_ ^ 0x0a) * 1099511628211ull;  // a separator: "ab","c" is not "a","bc"
}

std::string OutboxDigest::Hex() const {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash_));
  return text;
}

Status AddOutboxRow(Database& db, const UsageRecord& r) {
  ET_ASSIGN_OR_RETURN(Statement * add, db.Cached(kAddRow));
  add->Bind(1, r.group_id).Bind(2, r.ts).Bind(3, r.record_id).Bind(4, r.metric);
  add->Bind(5, std::string_view(RecordKindName(r.kind))).Bind(6, r.amount).Bind(7, PeriodName(r.period));
  add->Bind(8, r.bounds.start).Bind(9, r.bounds.end).Bind(10, r.bucket);
  return add->Run();
}

Status RestoreOutboxRow(Database& db, const std::string& group_id, const std::string& record_id) {
  ET_ASSIGN_OR_RETURN(Statement * restore, db.Cached(kRestoreRow));
  restore->Bind(1, group_id).Bind(2, record_id);
  return restore->Run();
}

Result<std::vector<SettledRecord>> TakeOutboxRecord(Database& db, const std::string& record_id,
                                                    const std::optional<std::string>& group_id) {
  ET_ASSIGN_OR_RETURN(Statement * take, db.Cached(kTakeRecord));
  take->Bind(1, record_id);
  if (group_id) take->Bind(2, *group_id); else take->BindNull(2);
  return Collect(*take);
}

Result<std::vector<SettledRecord>> TakeOutboxRecords(Database& db, const std::string& group_id,
                                                     const std::vector<std::string>& record_ids) {
  ET_ASSIGN_OR_RETURN(Statement * take, db.Cached(kTakeRecords));
  std::string ids = nlohmann::json(record_ids).dump();
  take->Bind(1, group_id).Bind(2, ids);
  return Collect(*take);
}

Result<std::optional<std::vector<SettledRecord>>> TakeOutboxRange(Database& db, const std::string& group_id,
                                                                  const OutboxRange& range,
                                                                  const std::vector<std::string>& keep) {
  std::set<std::string_view> kept(keep.begin(), keep.end());
  ET_ASSIGN_OR_RETURN(Statement * rows, db.Cached(kRangeRows));
  BindRange(*rows, group_id, range);
  std::vector<SettledRecord> settled;
  int64_t count = 0;
  OutboxDigest digest;
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, rows->Step());
    if (!row) break;
    ++count;
    std::string_view id = rows->ColumnView(0);
    digest.Add(id);
    if (!kept.count(id)) settled.push_back(SettledAt(*rows, 1));
  }
  rows->Reset();
  if (count != range.count || digest.Hex() != range.digest) return std::optional<std::vector<SettledRecord>>();
  ET_ASSIGN_OR_RETURN(Statement * remove, db.Cached(kRangeDelete));
  BindRange(*remove, group_id, range);
  std::string keep_json = nlohmann::json(keep).dump();
  remove->Bind(6, keep_json);
  ET_RETURN_IF_ERROR(remove->Run());
  return std::optional(std::move(settled));
}

}  // namespace edgetally
