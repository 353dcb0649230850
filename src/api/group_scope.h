// GroupScope: what every per-group operation starts with: the group named by args.groupId
// (NotFound otherwise), the loaded quota config, and the engine's clock, bundled as a
// QuotaContext for the quota functions.
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "engine/engine.h"
#include "model/groups.h"
#include "quota/quota_service.h"

namespace edgetally {

struct GroupScope {
  Group group;
  QuotaContext ctx;
};

Result<GroupScope> OpenGroupScope(Engine& engine, const nlohmann::json& args);

// Re-evaluates alerts for `metrics` (inside the caller's transaction) and queues them on the
// engine once `commit` succeeds. Returns the commit's status.
class Transaction;
Status CommitWithAlerts(Engine& engine, GroupScope& scope, Transaction& txn,
                        const std::vector<Metric>& metrics);

}  // namespace edgetally
