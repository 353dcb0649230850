// EntityJson: the JSON shapes of a group and a thing as the JS API returns them (the reference's
// camelCase field names). The model hands out structs; only api/ decides how they look on the wire.
#pragma once

#include <nlohmann/json.hpp>

#include "model/groups.h"
#include "model/things.h"

namespace edgetally {

// {id, name, plan, overrides, billingAnchor: {day, month}, createdAt}
nlohmann::json GroupJson(const Group& group);
// {id, groupId, type, name, status, properties (parsed), createdAt, updatedAt}
nlohmann::json ThingJson(const Thing& thing);

}  // namespace edgetally
