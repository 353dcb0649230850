// EventInput: one logged event as the caller sends it ({type, actorId?, targetId?, ts?,
// amount?, currency?, metadata?}), checked field by field, then against the store (actor and
// target must be things of the event's group). Errors name the field and the rule, like batches.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>
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

// The rules CheckEventRow applies, one value at a time, for the scanning path (event_scan.h):
// each is true when the value passes.
bool EventTypeOk(std::string_view type);        // 1..64 characters, not an engine type
bool EventTsOk(int64_t ts, int64_t now);        // 2000-01-01 to a day after `now`
bool EventAmountOk(int64_t amount);             // 0..2^53-1
bool CurrencyOk(std::string_view currency);     // three letters A-Z
bool MetadataSizeOk(size_t bytes);              // its JSON text fits kMaxPropertiesBytes

// Checks one row's shape against the rules above; `now` is the engine clock (ts defaults to it).
Result<LoggedEvent> CheckEventRow(const nlohmann::json& row, int64_t now);

// The reference rule: an event's actor and target must be things of the event's group
// ("unknown_thing", "other_group"). One call's owners are looked up once, in id order.
class EventRefs {
 public:
  // Looks up the group of every id in `ids` (0s and repeats allowed).
  Status Load(Database& db, const std::string& group_id, std::vector<int64_t> ids);
  // The first broken rule of `event` (actorId first), whose ids Load saw; or OK.
  Status Check(const LoggedEvent& event) const;

 private:
  enum class Owner : uint8_t { Missing, Group, Other };
  Status CheckRef(int64_t id, const char* field) const;
  std::unordered_map<int64_t, Owner> owners_;
};

}  // namespace edgetally
