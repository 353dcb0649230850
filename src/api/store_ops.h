// Store operations (see operations.h): info, checkIntegrity, createGroup, getGroup, insertThing,
// batchInsertThings, getThing, countThings, setValidationRules, getValidationRules.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace edgetally {

class Engine;

Result<nlohmann::json> OpInfo(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpCheckIntegrity(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpCreateGroup(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpGetGroup(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpInsertThing(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpBatchInsertThings(Engine& engine, std::string_view args_json);
Result<nlohmann::json> OpSetValidationRules(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpGetValidationRules(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpGetThing(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpCountThings(Engine& engine, const nlohmann::json& args);

}  // namespace edgetally
