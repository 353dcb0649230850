// Batch operations on connections and updates (see operations.h): batchCreateConnections and
// batchUpdateThings, with the same modes as batchInsertThings (atomic by default, partial on
// request) and the same result shape.
#pragma once

#include <nlohmann/json.hpp>

#include "api/operations.h"
#include "common/status.h"

namespace edgetally {

class OpContext;

// The module's manifest (see operations.h).
const std::vector<Operation>& BatchOperations();

Result<nlohmann::json> OpBatchCreateConnections(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpBatchUpdateThings(OpContext& ctx, const nlohmann::json& args);

}  // namespace edgetally
