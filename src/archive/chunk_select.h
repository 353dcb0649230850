// ChunkSelect: picks the next chunk of one group's events older than a cutoff and encodes it
// as NDJSON (README "Archival", line format v1; one event per line, keys in this order):
//   {"id":1,"groupId":"g","type":"view","actorId":2|null,"targetId":3|null,"ts":1700000000000,
//    "amount":1999|null,"currency":"USD"|null,"metadata":{...}}\n
// Events are taken oldest first in (ts, id) order, up to a bound of events and of NDJSON bytes
// (at least one event, so an event larger than the byte bound still moves); every event may
// leave, the newest included (ids are never handed out twice: model/events.h ReserveEventIds).
// Reads only: the commit (archive_store.h StoreChunk) deletes.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace edgetally {

class Database;

struct ChunkLimits {
  int64_t max_events = 50000;
  int64_t max_bytes = 16 << 20;  // NDJSON bytes before compression
};

// One event's place in archival order.
struct EventKey {
  int64_t ts = 0;
  int64_t id = 0;
};

// What a commit must find unchanged: the range [first, last] of the group's events in (ts, id)
// order, among the ids below `below_id` (one above the highest id handed out when it was
// prepared: events logged later stay hot), holds exactly `events` events whose ids sum to `id_sum` (ids only
// grow, so an event replaced by a newer one changes the sum even when the count stays).
struct ChunkRange {
  std::string group_id;
  EventKey first, last;
  int64_t below_id = 0;
  int64_t events = 0;
  int64_t id_sum = 0;
};

struct PreparedChunk {
  ChunkRange range;
  std::string ndjson;   // the encoded events
  uint32_t crc32 = 0;   // of ndjson (what the gzip trailer must say)
  bool more = false;    // more events older than the cutoff remain after this chunk
};

// The group's next chunk of events with ts < cutoff_ts (range.events == 0: none left); with
// `after`, the chunk that follows the events up to that key (a chunk prepared, not yet
// committed, ends there: the next one can be encoded while the first is compressed).
Result<PreparedChunk> SelectChunk(Database& db, const std::string& group_id, int64_t cutoff_ts,
                                  const ChunkLimits& limits, const EventKey* after = nullptr);

}  // namespace edgetally
