// EventLog: the write side of metrics. Stores checked events of one group in event_rows
// and folds them into every aggregate (aggregates.h) in the caller's transaction, so a metric
// never sees an event without its contribution or the other way round.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "metrics/event_input.h"

namespace edgetally {

class Database;

// Stores `events` (checked with event_input.h; each gets its row id) at engine time `now`.
// The group must exist. In the caller's transaction: on error the caller rolls back.
Status StoreEvents(Database& db, const std::string& group_id, int64_t now, std::vector<LoggedEvent>* events);

// Bytes a logged event adds to its group's storage usage (its text columns).
int64_t StorageBytesOf(const LoggedEvent& event);

}  // namespace edgetally
