// UsageRecording: the write side of usage: recordUsage (append), enforceQuota (check and append
// atomically), resetPeriodCounter. Each runs inside the caller's transaction, so a check and its
// record are one step: two interleaved calls for the last unit cannot both pass. Amounts and
// the totals they lead to stay within kMaxQuantity (usage/quantity.h); a record id is scoped to
// its group, and its replay is answered before any quota check (see usage/ledger.h).
#pragma once

#include <optional>
#include <string>

#include "common/status.h"
#include "quota/quota_service.h"
#include "usage/ledger.h"

namespace edgetally {

struct UsageInput {
  Metric metric = Metric::ApiCallsPerMonth;
  int64_t amount = 0;                     // >= 0
  Period period = Period::Monthly;        // as the caller names it (stored with the record)
  std::optional<std::string> record_id;   // the caller's stable id (for replays); else generated
  std::optional<int64_t> timestamp;       // when the usage happened (offline replays); else now
  std::string_view amount_field = "amount";  // what errors about the amount call it
};

struct RecordOutcome {
  std::string record_id;
  bool recorded = false;  // false: a record with this id was already in the ledger
  int64_t bucket = 0;
  // When recorded (an add), the usage of the record's bucket now, as quota checks read it
  // (quota/usage_level.h): what the alerts of the change can take instead of reading it again.
  std::optional<int64_t> level;
};

// Appends a usage record. InvalidArgument for events_retention_days (measured, not recorded)
// and for an amount or resulting total past kMaxQuantity; IdempotencyConflict when the group
// holds input.record_id with other content; a same-content replay is recorded=false.
Result<RecordOutcome> RecordUsage(QuotaContext& ctx, const Group& group, const UsageInput& input);
// Records `input` only if it fits the group's limit; otherwise QuotaExceeded with details
// {metric, limit, current, requested, remaining, suggestion, plan} and nothing written. A
// replay of a recorded id is answered (recorded=false) without checking the quota again.
Result<RecordOutcome> EnforceQuota(QuotaContext& ctx, const Group& group, const UsageInput& input);
// Usage of edgetally's own writes (entities, connections, storage): a positive amount is
// enforced against the limit (QuotaExceeded if it does not fit) and recorded; a negative one
// (storage freed by an update) is recorded as an adjustment, which is never refused.
Status ConsumeUsage(QuotaContext& ctx, const Group& group, Metric metric, int64_t amount);
// Starts the counter's current period over from zero (a 'reset' record). InvalidArgument for
// gauges, or a period other than the counter's own.
Result<RecordOutcome> ResetPeriodCounter(QuotaContext& ctx, const Group& group, Metric metric,
                                         Period period);

}  // namespace edgetally
