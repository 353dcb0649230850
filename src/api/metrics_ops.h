// Metrics operations (see operations.h): logEvents, and the reference's computed reads
// getCreatorStats, getGroupMetrics, getThingWithRelationships, getThingRelationshipsPaginated
// and getThingActivity. The JSON edge of src/metrics: arguments checked here, results written
// here ({...entity, _computed: {...}}); the module itself returns structs.
#pragma once

#include <nlohmann/json.hpp>

#include "api/operations.h"
#include "common/status.h"

namespace edgetally {

class OpContext;

Result<nlohmann::json> OpLogEvents(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpGetCreatorStats(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpGetGroupMetrics(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpGetThingWithRelationships(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpGetThingRelationshipsPaginated(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpGetThingActivity(OpContext& ctx, const nlohmann::json& args);

// The module's manifest (api/operations.h).
const std::vector<Operation>& MetricsOperations();

}  // namespace edgetally
