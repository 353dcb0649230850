// ThingUpdates: changing things with change tracking. An update names a thing and the fields
// to change: name, type, status, and a shallow patch of properties (a key set to null is
// removed). Only real changes count: a thing whose values end up the same writes nothing; a
// changed thing gets one "thing_updated" event holding {field: {before, after}} per change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "model/things.h"

namespace edgetally {

class Database;

struct ThingUpdate {
  int64_t id = 0;
  std::optional<std::string> name, type, status;
  std::optional<nlohmann::json> properties_patch;  // an object
};

struct ThingChange {
  int64_t index = 0;       // position in the input
  Thing after;             // the thing as it will be stored
  nlohmann::json changes;  // {field: {before, after}}; "properties.<key>" for properties
  int64_t storage_delta = 0;
  std::string before_type;           // for the group's entity totals
  int64_t before_property_bytes = 0;
};

// Checks one input row {id, name?, type?, status?, properties?}; InvalidArgument naming the field.
Result<ThingUpdate> CheckUpdate(const nlohmann::json& row);
// Reads the thing (NotFound-style row errors "unknown_thing" / "other_group") and computes the
// change; nullopt when the update changes nothing.
Result<std::optional<ThingChange>> ComputeChange(Database& db, const std::string& group_id,
                                                 const ThingUpdate& update);
// Stores the changes with their events, in the caller's transaction.
Status ApplyChanges(Database& db, const std::string& group_id, const std::vector<ThingChange>& changes,
                    int64_t now);

}  // namespace edgetally
