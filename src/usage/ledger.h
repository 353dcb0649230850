// Ledger: the append-only usage records and the totals derived from them in the same
// transaction (usage_totals). Records have a stable id, created before anything is sent, so
// sync can deliver them at least once and the server can drop duplicates; appending a record
// whose id is already in the ledger changes nothing (a replay counts once).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "usage/periods.h"

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
};

struct BucketTotals {
  int64_t local_total = 0;  // all local records since the bucket's last reset
  int64_t unacked = 0;      // the part the server has not acknowledged
  int64_t reset_at = 0;     // ms of the last reset, 0 if none
};

// A new random record id: "u_" + 32 hex digits.
Result<std::string> NewRecordId(Database& db);
// Appends the record and updates usage_totals; false (and no change) when the id exists.
// Call inside a transaction.
Result<bool> AppendRecord(Database& db, const UsageRecord& record);
// The totals of one bucket (zeros when it has none).
Result<BucketTotals> ReadTotals(Database& db, const std::string& group_id,
                                const std::string& metric, int64_t bucket);
// Marks records as acknowledged by the server; returns how many were not already. Unknown ids
// are ignored. Call inside a transaction.
Result<int64_t> AcknowledgeRecords(Database& db, const std::vector<std::string>& record_ids);

}  // namespace edgetally
