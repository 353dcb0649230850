// EntityJson: the JSON shapes of a group and a thing as the JS API returns them (the reference's
// camelCase field names). The model hands out structs; only api/ decides how they look on the wire.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/groups.h"
#include "model/things.h"

namespace edgetally {

// {id, name, plan, overrides, billingAnchor: {day, month}, createdAt}
nlohmann::json GroupJson(const Group& group);
// {id, groupId, type, name, status, properties (parsed), createdAt, updatedAt}
nlohmann::json ThingJson(const Thing& thing);
// The same as JSON text, as ThingJson(thing).dump() prints it (keys sorted, properties
// re-printed from their parse), without building the tree: getThing's answer (raw_result).
std::string ThingText(const Thing& thing);

}  // namespace edgetally
