// GroupScope: what every per-group operation starts with: the group named by args.groupId
// (NotFound otherwise), the quota config snapshot, and the context's clock, bundled as a
// QuotaContext for the quota functions.
#pragma once

#include <nlohmann/json.hpp>

#include "common/arg_spec.h"
#include "common/status.h"
#include "api/op_context.h"
#include "model/groups.h"
#include "quota/quota_service.h"

namespace edgetally {

struct GroupScope {
  Group group;
  QuotaContext ctx;
  QuotaConfigSnapshot config;  // what ctx.config refers to, kept alive as long as the scope
};

Result<GroupScope> OpenGroupScope(OpContext& ctx, const nlohmann::json& args);

// Declarations shared by per-group operations: {groupId} alone, and a map of per-metric
// limits {<metric>: integer >= 0 | null (unlimited)} (overrides, plan limits).
ArgSpec GroupArgs();
ArgSpec LimitsSpec();

}  // namespace edgetally
