// Ledger: the append-only usage records and the totals derived from them in the same
// transaction (usage_totals). Records have a stable id, created before anything is sent, so
// sync can deliver them at least once and the server can drop duplicates. Ids are scoped to
// their group, like the idempotency keys of payment APIs: appending a record whose id the group
// already holds with the same content (metric, amount, period) changes nothing (a replay
// counts once); the same id with different content is refused (IdempotencyConflict); the same
// id in another group is another record. Every amount and running total stays within
// kMaxQuantity (usage/quantity.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "usage/periods.h"
#include "usage/server_totals.h"
#include "usage/usage_outbox.h"

namespace edgetally {

class Database;

enum class RecordKind { Add, Adjust, Reset };

struct UsageRecord {
  std::string record_id;
  std::string group_id;
  std::string metric;   // a MetricName
  RecordKind kind = RecordKind::Add;
  int64_t amount = 0;
  Period period = Period::Monthly;  // as the caller named it
  PeriodBounds bounds{0, 0};        // of `period` at `ts`
  int64_t bucket = 0;               // the quota period the record counts in; 0 for gauges
  int64_t ts = 0;
  // The id was made by NewRecordId for this append, not given by the caller: no record can
  // hold it yet, so the replay lookup is skipped (the insert still ignores a duplicate key).
  bool generated_id = false;
};

struct BucketTotals {
  int64_t local_total = 0;  // all local records since the bucket's last reset
  int64_t unacked = 0;      // the part the server has not acknowledged
  int64_t reset_at = 0;     // ms of the last reset, 0 if none
  bool stored = false;      // the bucket has a row (else all zeros)
};

// A bucket as quota checks read it: its local totals and the server's total, if any.
struct BucketState {
  BucketTotals totals;
  std::optional<ServerTotal> server;
};

// A new record id: "u_" + 32 hex digits, the first 12 the record's time `ts` (ms, clamped to
// 48 bits), the rest random (SQLite's PRNG, as randomblob), so ids written one after another
// sort near each other (the ledger's and the server's key B-trees take them as appends, not as
// writes all over the tree).
std::string NewRecordId(int64_t ts);
// "add", "adjust" or "reset".
const char* RecordKindName(RecordKind kind);
// True when the group already holds this record id with the same metric, amount and period
// (a replay); false for a new id; IdempotencyConflict (details {field: "recordId", rule,
// recordId, conflicts: [names], recorded: {metric, amount, period}}) when the content differs.
Result<bool> IsReplay(Database& db, const UsageRecord& record);
// Appends the record, its outbox row (usage/usage_outbox.h) and updates usage_totals; false
// (and no change) for a replay. Refuses,
// writing nothing, a conflicting replay and an amount that would take the bucket's totals
// (local, unacknowledged, or with the server's total) past kMaxQuantity (InvalidArgument
// naming `field`). With `after`, an add or adjustment that was appended sets it to the record's
// bucket as it now stands (what a quota read of that bucket would find). Call inside a
// transaction.
Result<bool> AppendRecord(Database& db, const UsageRecord& record, std::string_view field = "amount",
                          std::optional<BucketState>* after = nullptr);
// The totals of one bucket (zeros when it has none).
Result<BucketTotals> ReadTotals(Database& db, const std::string& group_id,
                                const std::string& metric, int64_t bucket);
// Marks records as acknowledged by the server (their outbox rows removed, the unacknowledged
// totals lowered); returns how many were pending. Unknown ids are ignored. With `group_id`,
// only that group's records; without, every group's record with each id. Call inside a
// transaction.
Result<int64_t> AcknowledgeRecords(Database& db, const std::vector<std::string>& record_ids,
                                   const std::optional<std::string>& group_id = std::nullopt);
// Acknowledges a batch of the group as the outbox range it was read as, all but the records
// `keep` names; returns how many, or nullopt (nothing changed) when the range no longer holds
// exactly that batch. Call inside a transaction.
Result<std::optional<int64_t>> AcknowledgeRange(Database& db, const std::string& group_id, const OutboxRange& range,
                                                const std::vector<std::string>& keep);

}  // namespace edgetally
