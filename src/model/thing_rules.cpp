// ThingRules: validation of one thing.
#include "model/thing_rules.h"

#include "common/args.h"
#include "model/text_rules.h"

namespace edgetally {

nlohmann::json RowError::ToJson() const {
  return {{"index", index}, {"field", field}, {"code", rule}, {"message", message}};
}

Result<NewThing> CheckThing(const nlohmann::json& row, int64_t index) {
  std::string at = "things[" + std::to_string(index) + "]";
  ET_RETURN_IF_ERROR(RequireObject(row, at));
  NewThing thing;
  ET_ASSIGN_OR_RETURN(thing.type, RequireString(row, "type"));
  if (Utf8Length(thing.type) > kMaxTypeLength) {
    return InvalidField("type", "max_length",
                        "type must be at most " + std::to_string(kMaxTypeLength) + " characters");
  }
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
  if (thing.properties.size() > kMaxPropertiesBytes) {
    return InvalidField("properties", "max_bytes",
                        "properties must serialize to at most " +
                            std::to_string(kMaxPropertiesBytes) + " bytes");
  }
  return thing;
}

RowError RowErrorFrom(const Status& status, int64_t index) {
  const nlohmann::json& d = status.details();
  std::string field = d.is_object() && d.contains("field") ? d["field"].get<std::string>() : "";
  std::string rule = d.is_object() && d.contains("rule") ? d["rule"].get<std::string>() : "invalid";
  return RowError{index, field, rule, status.message()};
}

}  // namespace edgetally
