// EntityJson: groups and things as JSON for the JS API.
#include "api/entity_json.h"

#include "common/json_canonical.h"
#include "common/json_writer.h"

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

std::string ThingText(const Thing& thing) {
  JsonWriter out;
  out.Reserve(160 + thing.name.size() + thing.properties.size());
  out.BeginObject().Key("createdAt").Int(thing.created_at).Key("groupId").String(thing.group_id);
  out.Key("id").Int(thing.id).Key("name").String(thing.name).Key("properties");
  // Stored as the caller sent it: handed out as is when that is already the canonical text.
  if (IsCanonicalJson(thing.properties)) {
    out.Raw(thing.properties);
  } else {
    nlohmann::json properties = nlohmann::json::parse(thing.properties, nullptr, false);
    out.Raw(properties.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
  out.Key("status").String(thing.status).Key("type").String(thing.type).Key("updatedAt").Int(thing.updated_at);
  return out.EndObject().Take();
}

}  // namespace edgetally
