// EventInput: one logged event as the caller sends it ({type, actorId?, targetId?, ts?,
// amount?, currency?, metadata?}), checked field by field, then against the store (actor and
// target must be things of the event's group). Errors name the field and the rule, like batches.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace edgetally {

class Database;

struct LoggedEvent {
  int64_t index = 0;  // position in the input
  int64_t id = 0;     // the events row, once stored
  std::string type;   // 1..64 characters; not one the engine logs itself
  int64_t actor_id = 0;   // 0: none
  int64_t target_id = 0;  // 0: none
  int64_t ts = 0;
  std::optional<int64_t> amount;  // minor units, 0..2^53-1; required for payment and refund
  std::string currency;           // ISO 4217 code or empty
  std::string metadata;           // a JSON object's text
};

// Types the engine logs for its own writes: refused in logEvents, left out of every metric.
bool IsEngineEventType(std::string_view type);

// Checks one row's shape against the rules above; `now` is the engine clock (ts defaults to it).
Result<LoggedEvent> CheckEventRow(const nlohmann::json& row, int64_t now);

// Checks that the actor and target are things of `group_id` ("unknown_thing", "other_group").
// `owners` caches thing -> group across the rows of one call.
Status CheckEventRefs(Database& db, const std::string& group_id, const LoggedEvent& event,
                      std::map<int64_t, std::string>* owners);

}  // namespace edgetally
