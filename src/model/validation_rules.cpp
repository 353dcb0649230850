// ValidationRules: parse, persist, apply.
#include "model/validation_rules.h"

#include <cmath>
#include <vector>

#include "common/args.h"
#include "common/json_scanner.h"
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

// What the rules look at in one property value, read straight from the properties' text.
struct FieldValue {
  JsonScanner::Kind kind = JsonScanner::Kind::Null;
  double number = 0;     // when kind is Number
  size_t characters = 0; // when kind is String
};

bool HasType(const FieldValue& value, const std::string& type) {
  using Kind = JsonScanner::Kind;
  if (type == "any") return true;
  if (type == "string") return value.kind == Kind::String;
  if (type == "number") return value.kind == Kind::Number;
  if (type == "integer") return value.kind == Kind::Number && std::floor(value.number) == value.number;
  if (type == "boolean") return value.kind == Kind::Bool;
  if (type == "object") return value.kind == Kind::Object;
  return value.kind == Kind::Array;
}

// `value` null: the field is absent (or JSON null).
Status CheckField(const std::string& name, const FieldRule& rule, const FieldValue* value) {
  auto fail = [&](const char* code, const std::string& what) {
    std::string field = "properties." + name;
    return InvalidField(field, code, field + what);
  };
  if (!value || value->kind == JsonScanner::Kind::Null) {
    return rule.required ? fail("required", " is required") : Status::Ok();
  }
  if (!HasType(*value, rule.type)) return fail("type", " must be of type " + rule.type);
  if (value->kind == JsonScanner::Kind::Number) {
    double number = value->number;
    if (rule.min && number < *rule.min) return fail("min", " must be >= " + nlohmann::json(*rule.min).dump());
    if (rule.max && number > *rule.max) return fail("max", " must be <= " + nlohmann::json(*rule.max).dump());
  }
  if (value->kind == JsonScanner::Kind::String && rule.max_length &&
      static_cast<int64_t>(value->characters) > *rule.max_length) {
    return fail("max_length", " must be at most " + std::to_string(*rule.max_length) + " characters");
  }
  return Status::Ok();
}

// Reads the value at the scanner as the rules see it (strings decoded to count characters).
FieldValue ScanFieldValue(JsonScanner& scanner, std::string* scratch) {
  FieldValue value;
  value.kind = scanner.Peek();
  if (value.kind == JsonScanner::Kind::Number) {
    scanner.ReadNumber(&value.number);
  } else if (value.kind == JsonScanner::Kind::String) {
    scanner.ReadString(scratch);
    value.characters = Utf8Length(*scratch);
  } else {
    scanner.SkipValue();
  }
  return value;
}

// One pass over the properties' JSON text: the value of each field `schema` names (the last
// one when a key repeats, as a JSON parser keeps it). Text that is not a JSON object leaves
// every field absent.
std::vector<std::optional<FieldValue>> ScanSchemaFields(const std::map<std::string, FieldRule>& schema,
                                                        std::string_view properties) {
  std::vector<std::optional<FieldValue>> values(schema.size());
  JsonScanner scanner(properties);
  if (scanner.Peek() != JsonScanner::Kind::Object) return values;
  std::string key, scratch;
  scanner.EnterObject();
  while (scanner.NextKey(&key)) {
    size_t slot = 0;
    auto rule = schema.begin();
    while (rule != schema.end() && rule->first != key) ++rule, ++slot;
    if (rule == schema.end()) scanner.SkipValue();
    else values[slot] = ScanFieldValue(scanner, &scratch);
  }
  if (scanner.failed()) return std::vector<std::optional<FieldValue>>(schema.size());
  return values;
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
  std::vector<std::optional<FieldValue>> values = ScanSchemaFields(schema->second, thing.properties);
  size_t slot = 0;
  for (const auto& [name, rule] : schema->second) {
    const std::optional<FieldValue>& value = values[slot++];
    ET_RETURN_IF_ERROR(CheckField(name, rule, value ? &*value : nullptr));
  }
  return Status::Ok();
}

}  // namespace edgetally
