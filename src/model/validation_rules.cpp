// ValidationRules: parse, persist, apply.
#include "model/validation_rules.h"

#include <cmath>

#include "common/args.h"
#include "model/text_rules.h"
#include "store/meta.h"

namespace edgetally {

namespace {

constexpr const char* kMetaKey = "validation_rules";
const std::set<std::string> kFieldTypes = {"any", "string", "number", "integer", "boolean", "object", "array"};

Result<FieldRule> ParseFieldRule(const nlohmann::json& json, const std::string& at) {
  if (!json.is_object()) return InvalidField(at, "object", at + " must be an object");
  FieldRule rule;
  for (const auto& [key, value] : json.items()) {
    std::string field = at + "." + key;
    if (key == "type" && value.is_string() && kFieldTypes.count(value.get<std::string>())) {
      rule.type = value.get<std::string>();
    } else if (key == "required" && value.is_boolean()) {
      rule.required = value.get<bool>();
    } else if ((key == "min" || key == "max") && value.is_number()) {
      (key == "min" ? rule.min : rule.max) = value.get<double>();
    } else if (key == "maxLength" && value.is_number_integer() && value.get<int64_t>() >= 0) {
      rule.max_length = value.get<int64_t>();
    } else {
      return InvalidField(field, "schema", field + " is not a valid rule (type: any|string|number|"
                                           "integer|boolean|object|array, required: bool, "
                                           "min/max: number, maxLength: integer)");
    }
  }
  return rule;
}

bool HasType(const nlohmann::json& value, const std::string& type) {
  if (type == "any") return true;
  if (type == "string") return value.is_string();
  if (type == "number") return value.is_number();
  if (type == "integer") return value.is_number_integer() || (value.is_number_float() && std::floor(value.get<double>()) == value.get<double>());
  if (type == "boolean") return value.is_boolean();
  if (type == "object") return value.is_object();
  return value.is_array();
}

Status CheckField(const std::string& name, const FieldRule& rule, const nlohmann::json* value) {
  std::string field = "properties." + name;
  if (!value || value->is_null()) {
    return rule.required ? InvalidField(field, "required", field + " is required") : Status::Ok();
  }
  if (!HasType(*value, rule.type)) return InvalidField(field, "type", field + " must be of type " + rule.type);
  if (value->is_number()) {
    double number = value->get<double>();
    if (rule.min && number < *rule.min) return InvalidField(field, "min", field + " must be >= " + nlohmann::json(*rule.min).dump());
    if (rule.max && number > *rule.max) return InvalidField(field, "max", field + " must be <= " + nlohmann::json(*rule.max).dump());
  }
  if (value->is_string() && rule.max_length &&
      static_cast<int64_t>(Utf8Length(value->get_ref<const std::string&>())) > *rule.max_length) {
    return InvalidField(field, "max_length", field + " must be at most " + std::to_string(*rule.max_length) + " characters");
  }
  return Status::Ok();
}

}  // namespace

nlohmann::json ValidationRules::ToJson() const {
  nlohmann::json out = {{"allowedTypes", nullptr}, {"schemas", nlohmann::json::object()}};
  if (allowed_types) out["allowedTypes"] = *allowed_types;
  for (const auto& [type, fields] : schemas) {
    for (const auto& [name, rule] : fields) {
      nlohmann::json r = {{"type", rule.type}, {"required", rule.required}};
      if (rule.min) r["min"] = *rule.min;
      if (rule.max) r["max"] = *rule.max;
      if (rule.max_length) r["maxLength"] = *rule.max_length;
      out["schemas"][type][name] = r;
    }
  }
  return out;
}

Result<ValidationRules> ParseValidationRules(const nlohmann::json& json) {
  ET_RETURN_IF_ERROR(RequireObject(json, "rules"));
  ValidationRules rules;
  auto types = json.find("allowedTypes");
  if (types != json.end() && !types->is_null()) {
    if (!types->is_array()) return InvalidField("allowedTypes", "array", "allowedTypes must be an array of type names");
    rules.allowed_types.emplace();
    for (const auto& type : *types) {
      if (!type.is_string()) return InvalidField("allowedTypes", "string", "allowedTypes must hold strings");
      ET_RETURN_IF_ERROR(CheckType(type.get<std::string>()));
      rules.allowed_types->insert(type.get<std::string>());
    }
  }
  auto schemas = json.find("schemas");
  if (schemas == json.end() || schemas->is_null()) return rules;
  if (!schemas->is_object()) return InvalidField("schemas", "object", "schemas must be an object keyed by type");
  for (const auto& [type, fields] : schemas->items()) {
    if (!fields.is_object()) return InvalidField("schemas." + type, "object", "schemas." + type + " must be an object keyed by field");
    for (const auto& [name, rule] : fields.items()) {
      ET_ASSIGN_OR_RETURN(rules.schemas[type][name], ParseFieldRule(rule, "schemas." + type + "." + name));
    }
  }
  return rules;
}

Result<ValidationRules> LoadValidationRules(Database& db) {
  ET_ASSIGN_OR_RETURN(std::optional<std::string> stored, ReadMeta(db, kMetaKey));
  if (!stored) return ValidationRules{};
  return ParseValidationRules(nlohmann::json::parse(*stored, nullptr, false));
}

Status SaveValidationRules(Database& db, const ValidationRules& rules) {
  return WriteMeta(db, kMetaKey, rules.ToJson().dump());
}

Status CheckAgainstRules(const ValidationRules& rules, const NewThing& thing) {
  if (rules.allowed_types && !rules.allowed_types->count(thing.type)) {
    return InvalidField("type", "allowed_type", "type '" + thing.type + "' is not one of the allowed types");
  }
  auto schema = rules.schemas.find(thing.type);
  if (schema == rules.schemas.end()) return Status::Ok();
  nlohmann::json properties = nlohmann::json::parse(thing.properties, nullptr, false);
  for (const auto& [name, rule] : schema->second) {
    auto value = properties.find(name);
    ET_RETURN_IF_ERROR(CheckField(name, rule, value == properties.end() ? nullptr : &*value));
  }
  return Status::Ok();
}

}  // namespace edgetally
