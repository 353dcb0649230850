// EntityJson: groups and things as JSON for the JS API.
#include "api/entity_json.h"

namespace edgetally {

nlohmann::json GroupJson(const Group& group) {
  return {{"id", group.id},
          {"name", group.name},
          {"plan", group.plan},
          {"overrides", group.overrides},
          {"billingAnchor", {{"day", group.anchor.day}, {"month", group.anchor.month}}},
          {"createdAt", group.created_at}};
}

nlohmann::json ThingJson(const Thing& thing) {
  return {{"id", thing.id},
          {"groupId", thing.group_id},
          {"type", thing.type},
          {"name", thing.name},
          {"status", thing.status},
          {"properties", nlohmann::json::parse(thing.properties, nullptr, false)},
          {"createdAt", thing.created_at},
          {"updatedAt", thing.updated_at}};
}

}  // namespace edgetally
