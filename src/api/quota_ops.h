// Quota and usage operations (see operations.h): the reference's quota reads
// (getGroupQuotas, checkCanCreateEntities, checkCanStore, getQuotaStatus, getUpgradePricing),
// usage writes (recordUsage, enforceQuota, resetPeriodCounter), plan management (listPlans,
// definePlans, setGroupPlan, setWarningThresholds) and the sync hooks (setServerTotals,
// acknowledgeUsage).
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace edgetally {

class Engine;
using Json = nlohmann::json;

Result<Json> OpGetGroupQuotas(Engine& engine, const Json& args);
Result<Json> OpCheckCanCreateEntities(Engine& engine, const Json& args);
Result<Json> OpCheckCanStore(Engine& engine, const Json& args);
Result<Json> OpGetQuotaStatus(Engine& engine, const Json& args);
Result<Json> OpGetUpgradePricing(Engine& engine, const Json& args);
Result<Json> OpRecordUsage(Engine& engine, const Json& args);
Result<Json> OpEnforceQuota(Engine& engine, const Json& args);
Result<Json> OpResetPeriodCounter(Engine& engine, const Json& args);
Result<Json> OpListPlans(Engine& engine, const Json& args);
Result<Json> OpDefinePlans(Engine& engine, const Json& args);
Result<Json> OpSetGroupPlan(Engine& engine, const Json& args);
Result<Json> OpSetWarningThresholds(Engine& engine, const Json& args);
Result<Json> OpSetServerTotals(Engine& engine, const Json& args);
Result<Json> OpAcknowledgeUsage(Engine& engine, const Json& args);

}  // namespace edgetally
