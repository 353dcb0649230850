// Events: the append-only event log (the source of truth for metrics) and the daily rollups
// kept in the same transaction as the events they summarise, so metrics read O(days) rows and
// archiving events never changes an all-time metric. Bulk inserts log one event per batch
// (the rows themselves carry their creation time); changes that need their own history
// (updates with before/after values) log one event per thing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace edgetally {

class Database;

struct NewEvent {
  std::string_view type;       // "thing_created", "thing_updated", "connection_created", ...
  int64_t actor_id = 0;        // 0: none
  int64_t target_id = 0;       // 0: none
  std::string_view metadata;   // a JSON object's text; empty for "{}"
};

// Appends events of one group at `ts` and adds them to the rollup of their day, type and
// actor (target is rolled up as 0: per-target counts come from the log). In the caller's
// transaction.
Status AppendEvents(Database& db, const std::string& group_id, int64_t ts,
                    const std::vector<NewEvent>& events);

// Logs one event standing for `count` like changes made by one batch (e.g. "thing_created"
// for 100,000 inserted things, with metadata {count, firstId, lastId}) and adds `count` to the
// day's rollup of that type, so per-day metrics stay exact at O(1) cost per batch.
Status AppendBatchEvent(Database& db, const std::string& group_id, int64_t ts, std::string_view type,
                        int64_t count, std::string_view metadata);

// Event ids: every insert into events takes its ids here (table event_ids, schema step "event
// ids"), above every id ever handed out, so an id stays unique after its event has left the
// hot table (archival may remove the events with the highest ids).
// Reserves `count` (>= 1) new ids in the caller's transaction and returns the first; the
// others follow it. Internal error when the ids are exhausted.
Result<int64_t> ReserveEventIds(Database& db, int64_t count);
// The highest event id handed out so far (0 before the first event).
Result<int64_t> LastEventId(Database& db);

// Event rows (schema step "event rows"; `events` is a view over them): event_rows keyed
// (group_key, ts, id), and for each event with a target its event_targets row keyed
// (group_key, week = ts / 604800000, target_id, ts, id); every writer of events writes both. A
// group's small integer key stands for its text id. The group's key,
// made on first use when `create`, else 0 when the group has no key yet (it never logged).
Result<int64_t> EventGroupKey(Database& db, const std::string& group_id, bool create);

}  // namespace edgetally
