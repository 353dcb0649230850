// Activity: a thing's timeline, newest first: the events logged with it as target, its edits
// ("updated", from batchUpdateThings) and its creation ("created": a batch logs one event for
// all its rows, so each thing's entry comes from its own creation time). Pages are keyset on
// (ts, id) descending; "created" sorts after any event at the same ms.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "model/things.h"

namespace edgetally {

class Database;

struct ActivityItem {
  int64_t id = 0;  // the event's id; 0 for "created"
  std::string type;
  int64_t actor_id = 0;  // 0: none
  int64_t ts = 0;
  std::optional<int64_t> amount;
  std::string currency;
  std::string metadata;  // JSON object text
};

struct ActivityKey {
  int64_t ts = INT64_MAX;
  int64_t id = INT64_MAX;  // the page holds items strictly before (ts, id)
};

struct ActivityPage {
  std::vector<ActivityItem> items;
  bool more = false;
};

// Up to `limit` items before `before`, of `types` if not empty (as shown: "created", "updated",
// or a logged type).
Result<ActivityPage> ListActivity(Database& db, const Thing& thing, const std::vector<std::string>& types,
                                  ActivityKey before, int64_t limit);

}  // namespace edgetally
