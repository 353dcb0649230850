// Outbox: what sync still owes the server, read straight from the usage ledger. A record is
// written once, with synced = 0 (pending), in the transaction that records the usage, so the
// ledger is its own outbox: nothing can be recorded without being announced.
//   synced: 0 pending, 1 acknowledged by the server, 2 parked (dead letter), 3 discarded.
// A parked record has a row in sync_dead_letters with the server's reason; it is skipped by
// reads until retried (back to pending) or discarded (settled without the server counting it).
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

// A batch read: the records and their events as one JSON array text, written once.
struct PendingBatch {
  std::vector<PendingRecord> records;
  std::string events;  // "[{...},{...}]"
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

// Parks a pending record with the server's reason; false when it was not pending. Call
// inside a transaction.
Result<bool> ParkRecord(Database& db, const std::string& group_id, const std::string& record_id,
                        const std::string& code, const std::string& reason, int64_t now);
Result<std::vector<DeadLetter>> ListDeadLetters(Database& db, std::optional<std::string> group_id,
                                                int64_t limit);
// The parked records named (all of the group's, or all, when `record_ids` is empty).
Result<std::vector<std::pair<std::string, std::string>>> SelectDeadLetters(
    Database& db, const std::optional<std::string>& group_id, const std::vector<std::string>& record_ids);
// Puts a parked record back in the queue. Call inside a transaction.
Status RequeueRecord(Database& db, const std::string& group_id, const std::string& record_id);
// Marks a record settled without the server counting it (synced = 3). The caller requeues it
// and acknowledges it first (AcknowledgeRecords removes its unacknowledged amount from the
// totals); this only tells the two states apart. Call inside a transaction.
Status MarkDiscarded(Database& db, const std::string& group_id, const std::string& record_id);

}  // namespace edgetally
