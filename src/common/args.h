// Args: reading a JSON argument object with typed errors. Each accessor names the field in the
// error ("groupId must be a non-empty string"), so every entry point checks its input the same
// way and the JS caller learns which field broke which rule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace edgetally {

using Json = nlohmann::json;

// An InvalidArgument status with details {field, rule}.
Status InvalidField(std::string_view field, std::string_view rule, std::string message);

// Reads args[field] as a string; an error when absent (unless optional) or not a string.
Result<std::string> RequireString(const Json& args, std::string_view field);
Result<std::optional<std::string>> OptionalString(const Json& args, std::string_view field);
// Reads args[field] as an integer in [min, max].
Result<int64_t> RequireInt(const Json& args, std::string_view field, int64_t min, int64_t max);
// The same check on a value: rule "integer" (not a whole number) or "range", naming `field`.
Result<int64_t> IntegerValue(const Json& value, std::string_view field, int64_t min, int64_t max);
// Checks that args is an object.
Status RequireObject(const Json& args, std::string_view what);

}  // namespace edgetally
