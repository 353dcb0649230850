// Batch operations on connections and updates (see operations.h): batchCreateConnections and
// batchUpdateThings, with the same modes as batchInsertThings (atomic by default, partial on
// request) and the same result shape.
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace edgetally {

class Engine;

Result<nlohmann::json> OpBatchCreateConnections(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpBatchUpdateThings(Engine& engine, const nlohmann::json& args);

}  // namespace edgetally
