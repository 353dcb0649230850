// ThingRules: validation of one thing.
#include "model/thing_rules.h"

#include "common/args.h"
#include "model/text_rules.h"

namespace edgetally {

Status CheckNewThing(NewThing* thing) {
  ET_RETURN_IF_ERROR(CheckType(thing->type));
  ET_ASSIGN_OR_RETURN(thing->name, CleanName(thing->name, "name"));
  if (thing->properties.empty()) thing->properties = "{}";
  return CheckPropertiesSize(thing->properties);
}

Status CheckType(std::string_view type) {
  if (type.empty()) return InvalidField("type", "required", "type must be a non-empty string");
  if (Utf8Length(type) > kMaxTypeLength) {
    return InvalidField("type", "max_length",
                        "type must be at most " + std::to_string(kMaxTypeLength) + " characters");
  }
  return Status::Ok();
}

Status CheckPropertiesSize(std::string_view properties_json) {
  if (properties_json.size() <= kMaxPropertiesBytes) return Status::Ok();
  return InvalidField("properties", "max_bytes",
                      "properties must serialize to at most " +
                          std::to_string(kMaxPropertiesBytes) + " bytes");
}

Status UnknownThingField(std::string_view field) {
  return InvalidField(field, "unknown_field",
                      "unknown field '" + std::string(field) +
                          "' (a thing has type, name and properties)");
}

Result<NewThing> CheckThing(const nlohmann::json& row, std::string_view extra_key) {
  ET_RETURN_IF_ERROR(RequireObject(row, "thing"));
  for (const auto& [key, value] : row.items()) {
    bool known = key == "type" || key == "name" || key == "properties" || key == extra_key;
    if (!known) return UnknownThingField(key);
  }
  NewThing thing;
  ET_ASSIGN_OR_RETURN(thing.type, RequireString(row, "type"));
  ET_RETURN_IF_ERROR(CheckType(thing.type));
  ET_ASSIGN_OR_RETURN(std::string raw_name, RequireString(row, "name"));
  ET_ASSIGN_OR_RETURN(thing.name, CleanName(raw_name, "name"));
  auto props = row.find("properties");
  if (props == row.end() || props->is_null()) {
    thing.properties = "{}";
    return thing;
  }
  if (!props->is_object()) {
    return InvalidField("properties", "object", "properties must be a JSON object");
  }
  thing.properties = props->dump();
  ET_RETURN_IF_ERROR(CheckPropertiesSize(thing.properties));
  return thing;
}

RowError RowErrorFrom(const Status& status, int64_t index) {
  const nlohmann::json& d = status.details();
  auto text = [&](const char* key, const char* fallback) {
    return d.is_object() && d.contains(key) && d[key].is_string() ? d[key].get<std::string>()
                                                                  : std::string(fallback);
  };
  return RowError{index, text("field", ""), text("rule", "invalid"), status.message()};
}

}  // namespace edgetally
