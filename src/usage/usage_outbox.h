// UsageOutbox: the ledger's outbox rows (table usage_outbox, store/migrations.cpp): one per
// record the server has not acknowledged, added in the transaction that appends the record and
// keyed (group, ts, record id), the order sync reads them in. A record is pending exactly when
// it has a row here. Acknowledging removes rows, one by one (by record id) or a batch's key
// range at a time in one statement: the range form never touches the ledger's own rows, so it
// costs a fraction of marking each record. A range is acknowledged only while it still holds
// exactly the records read as the batch (their count and digest), since the app can add records
// with an old timestamp, or put a parked one back, while the batch is in flight.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace edgetally {

class Database;
struct UsageRecord;

// A position in one group's outbox: records are read in (ts, record id) order.
struct OutboxKey {
  int64_t ts = 0;
  std::string record_id;
};

// What a batch was read as: the records after `after` (from the group's first, without it) up
// to and including `last`, `count` of them, whose ids in order give `digest`.
struct OutboxRange {
  std::optional<OutboxKey> after;
  OutboxKey last;
  int64_t count = 0;
  std::string digest;
};

// The digest of a batch: FNV-1a (64 bits) over its record ids in order, as 16 hex digits. It
// tells the same batch from another one with the same count, not an adversary's forgery (the
// records are the device's own).
class OutboxDigest {
 public:
  void Add(std::string_view record_id);
  std::string Hex() const;

 private:
  uint64_t hash_ = 14695981039346656037ull;
};

// A record whose outbox row was removed: what lowering the unacknowledged totals needs.
struct SettledRecord {
  std::string group_id, metric;
  int64_t bucket = 0, amount = 0, ts = 0;
  bool reset = false;
};

// Adds the record's row. Call inside the transaction that appends it to the ledger.
Status AddOutboxRow(Database& db, const UsageRecord& record);
// Adds the row of a record the ledger already holds (a parked record put back in the queue);
// nothing when it has one. Call inside a transaction.
Status RestoreOutboxRow(Database& db, const std::string& group_id, const std::string& record_id);
// Removes the row of one pending record (in `group_id`, or in any group without it) and returns
// the records settled (none when it was not pending). Call inside a transaction.
Result<std::vector<SettledRecord>> TakeOutboxRecord(Database& db, const std::string& record_id,
                                                    const std::optional<std::string>& group_id);
// Removes the rows of the group's pending records among `record_ids` (each once).
Result<std::vector<SettledRecord>> TakeOutboxRecords(Database& db, const std::string& group_id,
                                                     const std::vector<std::string>& record_ids);
// Removes the rows of `range` but those of `keep` (record ids) when the range still holds
// exactly the batch it was read as, and returns the records settled; nullopt (and no change)
// when it does not. Call inside a transaction.
Result<std::optional<std::vector<SettledRecord>>> TakeOutboxRange(Database& db, const std::string& group_id,
                                                                  const OutboxRange& range,
                                                                  const std::vector<std::string>& keep);

}  // namespace edgetally
