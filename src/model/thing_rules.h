// ThingRules: what makes a thing valid, checked field by field so that every reader of things
// (a JSON object from the API, a scanned batch row, later a CSV row) applies the same rules and
// reports the same {index, field, rule} for the same mistake.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace edgetally {

constexpr size_t kMaxTypeLength = 64;
constexpr size_t kMaxPropertiesBytes = 64 * 1024;  // serialized JSON

struct NewThing {
  std::string type;        // 1..64 characters
  std::string name;        // 1..256 characters after trimming
  std::string properties;  // a JSON object's text; "{}" when absent
};

// One rule broken by one input row.
struct RowError {
  int64_t index;  // position in the input
  std::string field;
  std::string rule;  // "required", "max_length", "object", "max_bytes", "unknown_field", ...
  std::string message;
  int64_t line = 0;  // 1-based line in an imported file; 0 when the input was not a file
};

// Field checks. Each returns InvalidArgument with details {field, rule}.
Status CheckType(std::string_view type);
Status CheckPropertiesSize(std::string_view properties_json);
Status UnknownThingField(std::string_view field);

// Applies the fixed rules to a thing built by a reader (trims the name, checks type, name and
// properties size); InvalidArgument naming the field.
Status CheckNewThing(NewThing* thing);

// Checks a thing given as a JSON object {type, name, properties?}. Keys other than these and
// `extra_key` (e.g. "groupId" for insertThing) are refused, so a typo never passes silently.
Result<NewThing> CheckThing(const nlohmann::json& row, std::string_view extra_key = {});

// The RowError for a failed field check of row `index`.
RowError RowErrorFrom(const Status& status, int64_t index);

}  // namespace edgetally
