// Operations: the table of named engine operations the JS API calls. Each takes the Engine and
// a JSON argument object, checks every field, calls the typed module function and returns a
// JSON result. Adding an operation means one entry here and one function in the module's
// api file (api/<module>_ops.cpp).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace edgetally {

class Engine;

using Operation = Result<nlohmann::json> (*)(Engine&, const nlohmann::json&);

// The operation with this name, or nullptr.
const Operation* FindOperation(std::string_view name);

}  // namespace edgetally
