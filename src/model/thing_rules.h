// ThingRules: what makes a thing valid. One function checks one input row and returns the
// cleaned thing or the first broken rule, naming the row index and the field, so single
// inserts and batches report errors the same way.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace edgetally {

constexpr size_t kMaxTypeLength = 64;
constexpr size_t kMaxPropertiesBytes = 64 * 1024;  // serialized JSON

struct NewThing {
  std::string type;        // 1..64 characters
  std::string name;        // 1..256 characters after trimming
  std::string properties;  // a JSON object, serialized; "{}" when absent
};

// One rule broken by one input row.
struct RowError {
  int64_t index;  // position in the input array
  std::string field;
  std::string rule;  // "required", "max_length", "object", "max_bytes", ...
  std::string message;
  nlohmann::json ToJson() const;
};

// Checks `row` (a JSON object {type, name, properties?}) at position `index`.
Result<NewThing> CheckThing(const nlohmann::json& row, int64_t index);

// Converts a failed CheckThing status into its RowError.
RowError RowErrorFrom(const Status& status, int64_t index);

}  // namespace edgetally
