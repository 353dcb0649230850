// Quota and usage operations (see operations.h): the reference's quota reads
// (getGroupQuotas, checkCanCreateEntities, checkCanStore, getQuotaStatus, getUpgradePricing),
// usage writes (recordUsage, enforceQuota, resetPeriodCounter), plan management (listPlans,
// definePlans, setGroupPlan, setWarningThresholds) and the sync hooks (setServerTotals,
// acknowledgeUsage).
#pragma once

#include <nlohmann/json.hpp>

#include "api/operations.h"
#include "common/status.h"

namespace edgetally {

class OpContext;
using Json = nlohmann::json;

// The module's manifest (see operations.h).
const std::vector<Operation>& QuotaOperations();

Result<Json> OpGetGroupQuotas(OpContext& ctx, const Json& args);
Result<Json> OpCheckCanCreateEntities(OpContext& ctx, const Json& args);
Result<Json> OpCheckCanStore(OpContext& ctx, const Json& args);
Result<Json> OpGetQuotaStatus(OpContext& ctx, const Json& args);
Result<Json> OpGetUpgradePricing(OpContext& ctx, const Json& args);
Result<Json> OpRecordUsage(OpContext& ctx, const Json& args);
Result<Json> OpEnforceQuota(OpContext& ctx, const Json& args);
Result<Json> OpResetPeriodCounter(OpContext& ctx, const Json& args);
Result<Json> OpListPlans(OpContext& ctx, const Json& args);
Result<Json> OpDefinePlans(OpContext& ctx, const Json& args);
Result<Json> OpSetGroupPlan(OpContext& ctx, const Json& args);
Result<Json> OpSetWarningThresholds(OpContext& ctx, const Json& args);
Result<Json> OpSetServerTotals(OpContext& ctx, const Json& args);
Result<Json> OpAcknowledgeUsage(OpContext& ctx, const Json& args);

}  // namespace edgetally
