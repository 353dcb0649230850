// Outbox: what sync still owes the server: the ledger's outbox rows (usage/usage_outbox.h), each
// written in the transaction that records the usage, so nothing can be recorded without being
// announced. A record is pending while it has an outbox row; usage.synced tells the others apart:
//   0 (or 1, written by stores before the outbox table) acknowledged, 2 parked, 3 discarded.
// A parked record has a row in sync_dead_letters with the server's reason and no outbox row,
// until retried (its outbox row back: pending) or discarded (settled without the server counting it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "sync/cloud_event.h"

namespace edgetally {

class Database;

struct OutboxCounts {
  int64_t pending = 0;
  int64_t pending_bytes = 0;        // their CloudEvents' size on the wire (see cloud_event.h)
  std::optional<int64_t> oldest_ts;  // ts of the oldest pending record
  int64_t dead_letters = 0;
};

struct DeadLetter {
  std::string group_id, record_id, metric, code, reason;
  int64_t amount = 0;
  int64_t parked_at = 0;
};

// Where a batch ended. Pending records are read in (ts, record_id) order, so a read that starts
// after the last record of the batch before it can run while that batch is still in flight.
struct OutboxCursor {
  int64_t ts = 0;
  std::string record_id;
};

// A batch read: the records and their events as one JSON array text, written once, and the
// digest of their ids (usage/usage_outbox.h OutboxDigest) that acknowledging it as a range checks.
struct PendingBatch {
  std::vector<PendingRecord> records;
  std::string events;  // "[{...},{...}]"
  std::string digest;
};

// The group of the oldest pending record not in `skip`, or nullopt when none is pending.
Result<std::optional<std::string>> OldestPendingGroup(Database& db, const std::vector<std::string>& skip);
// Up to `max_records` pending records of the group, oldest first (after `after`, when given),
// whose events written with `device_id` take at most `max_bytes` together (always at least one
// record, if any).
Result<PendingBatch> ReadPending(Database& db, const std::string& group_id, const std::string& device_id,
                                 int64_t max_records, int64_t max_bytes,
                                 const std::optional<OutboxCursor>& after = std::nullopt);
Result<OutboxCounts> CountOutbox(Database& db, int64_t device_id_bytes);

// Parks a pending record with the server's reason (its outbox row removed, synced = 2); false
// when it was not pending. Call inside a transaction.
Result<bool> ParkRecord(Database& db, const std::string& group_id, const std::string& record_id,
                        const std::string& code, const std::string& reason, int64_t now);
Result<std::vector<DeadLetter>> ListDeadLetters(Database& db, std::optional<std::string> group_id,
                                                int64_t limit);
// The parked records named (all of the group's, or all, when `record_ids` is empty).
Result<std::vector<std::pair<std::string, std::string>>> SelectDeadLetters(
    Database& db, const std::optional<std::string>& group_id, const std::vector<std::string>& record_ids);
// Puts a parked record back in the queue (its outbox row restored). Call inside a transaction.
Status RequeueRecord(Database& db, const std::string& group_id, const std::string& record_id);
// Marks a record settled without the server counting it (synced = 3). The caller requeues it
// and acknowledges it first (AcknowledgeRecords removes its outbox row and its unacknowledged
// amount from the totals); this only tells the two states apart. Call inside a transaction.
Status MarkDiscarded(Database& db, const std::string& group_id, const std::string& record_id);

}  // namespace edgetally
