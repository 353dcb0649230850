// Operations: name -> function table.
#include "api/operations.h"

#include "api/batch_ops.h"
#include "api/bulk_ops.h"
#include "api/metrics_ops.h"
#include "api/quota_ops.h"
#include "api/store_ops.h"
#include "api/sync_ops.h"

namespace edgetally {

namespace {
constexpr Operation kOperations[] = {
    {"info", OpInfo},
    {"checkIntegrity", OpCheckIntegrity},
    {"createGroup", OpCreateGroup},
    {"getGroup", OpGetGroup},
    {"insertThing", OpInsertThing},
    {"batchInsertThings", nullptr, OpBatchInsertThings, false, true},
    {"batchCreateConnections", OpBatchCreateConnections, nullptr, false, true},
    {"batchUpdateThings", OpBatchUpdateThings, nullptr, false, true},
    {"beginBatch", OpBeginBatch},
    {"batchChunk", nullptr, OpBatchChunk, true},
    {"beginImport", OpBeginImport},
    {"importChunk", nullptr, OpImportChunk, true},
    {"endBatch", OpEndBatch, nullptr, true, true},
    {"getThing", OpGetThing},
    {"countThings", OpCountThings},
    {"setValidationRules", OpSetValidationRules},
    {"getValidationRules", OpGetValidationRules},
    {"getGroupQuotas", OpGetGroupQuotas, nullptr, false, true},
    {"checkCanCreateEntities", OpCheckCanCreateEntities},
    {"checkCanStore", OpCheckCanStore},
    {"getQuotaStatus", OpGetQuotaStatus},
    {"getUpgradePricing", OpGetUpgradePricing},
    {"recordUsage", OpRecordUsage},
    {"enforceQuota", OpEnforceQuota},
    {"resetPeriodCounter", OpResetPeriodCounter},
    {"listPlans", OpListPlans},
    {"definePlans", OpDefinePlans},
    {"setGroupPlan", OpSetGroupPlan},
    {"setWarningThresholds", OpSetWarningThresholds},
    {"setServerTotals", OpSetServerTotals},
    {"acknowledgeUsage", OpAcknowledgeUsage},
    {"syncReadOutbox", OpSyncReadOutbox, nullptr, false, true},
    {"syncApplyReply", OpSyncApplyReply},
    {"syncStatus", OpSyncStatus},
    {"syncGroups", OpSyncGroups},
    {"listDeadLetters", OpListDeadLetters},
    {"retryDeadLetter", OpRetryDeadLetter},
    {"discardDeadLetter", OpDiscardDeadLetter},
    {"logEvents", OpLogEvents, nullptr, false, true},
    {"getCreatorStats", OpGetCreatorStats},
    {"getGroupMetrics", OpGetGroupMetrics},
    {"getThingWithRelationships", OpGetThingWithRelationships},
    {"getThingRelationshipsPaginated", OpGetThingRelationshipsPaginated},
    {"getThingActivity", OpGetThingActivity},
};
}  // namespace

const Operation* FindOperation(std::string_view name) {
  for (const Operation& op : kOperations) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

}  // namespace edgetally
