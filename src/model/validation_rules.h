// ValidationRules: the store's configurable rules for things, on top of the fixed ones in
// thing_rules.h: which types are allowed (all when unset) and, per type, a schema for its
// properties (field types, required fields, numeric ranges, string lengths), e.g.
//   {"allowedTypes": ["course", "lesson"],
//    "schemas": {"course": {"price": {"type": "number", "min": 0, "required": true},
//                           "title": {"type": "string", "maxLength": 200}}}}
// Stored in meta as JSON; the Engine keeps them loaded.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "model/thing_rules.h"

namespace edgetally {

class Database;

struct FieldRule {
  std::string type = "any";  // any, string, number, integer, boolean, object, array
  bool required = false;
  std::optional<double> min, max;         // numbers
  std::optional<int64_t> max_length;      // strings, in characters
};

struct ValidationRules {
  std::optional<std::set<std::string>> allowed_types;
  std::map<std::string, std::map<std::string, FieldRule>> schemas;  // type -> field -> rule
  bool empty() const { return !allowed_types && schemas.empty(); }
  nlohmann::json ToJson() const;
};

// Parses the JSON form above; InvalidArgument naming the field (e.g. "schemas.course.price.min").
Result<ValidationRules> ParseValidationRules(const nlohmann::json& json);
Result<ValidationRules> LoadValidationRules(Database& db);
Status SaveValidationRules(Database& db, const ValidationRules& rules);

// Checks one thing against the rules; InvalidArgument with details {field, rule} where field
// is "type" or "properties.<name>" and rule is "allowed_type", "required", "type", "min",
// "max" or "max_length".
Status CheckAgainstRules(const ValidationRules& rules, const NewThing& thing);

}  // namespace edgetally
