// Store operations (see operations.h): info, checkIntegrity, createGroup, getGroup, insertThing,
// batchInsertThings, getThing, countThings, setValidationRules, getValidationRules.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "api/operations.h"
#include "common/status.h"

namespace edgetally {

class OpContext;

class Database;

// {deviceId, schemaVersion, sqliteVersion} of the store.
Result<nlohmann::json> StoreInfo(Database& db);

// The module's manifest (see operations.h).
const std::vector<Operation>& StoreOperations();

Result<nlohmann::json> OpInfo(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpCheckIntegrity(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpCreateGroup(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpGetGroup(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpInsertThing(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpBatchInsertThings(OpContext& ctx, const Operation& op, std::string_view args_json);
Result<nlohmann::json> OpSetValidationRules(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpGetValidationRules(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpGetThing(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpCountThings(OpContext& ctx, const nlohmann::json& args);

}  // namespace edgetally
