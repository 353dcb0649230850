// Metrics operations (see operations.h): logEvents, and the reference's computed reads
// getCreatorStats, getGroupMetrics, getThingWithRelationships, getThingRelationshipsPaginated
// and getThingActivity. The JSON edge of src/metrics: arguments checked here, results written
// here ({...entity, _computed: {...}}); the module itself returns structs.
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace edgetally {

class Engine;

Result<nlohmann::json> OpLogEvents(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpGetCreatorStats(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpGetGroupMetrics(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpGetThingWithRelationships(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpGetThingRelationshipsPaginated(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpGetThingActivity(Engine& engine, const nlohmann::json& args);

}  // namespace edgetally
