// Sync operations: the engine side of js/sync (docs/PROTOCOL.md). The client reads a batch of
// pending usage records as CloudEvents, sends them, and applies the server's reply in one
// transaction: the server's totals for the group, the acknowledged records, the refused ones
// parked as dead letters. Also the outbox counts for the sync status and the dead-letter list.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "api/operations.h"
#include "common/status.h"

namespace edgetally {

class OpContext;
struct Operation;

// {groupId?, skipGroups?, maxRecords, maxBytes} -> {groupId, events: [...], bytes} (raw text):
// the oldest pending records of `groupId` (default: the group of the oldest pending record not
// in skipGroups; null with no events when nothing is pending).
Result<nlohmann::json> OpSyncReadOutbox(OpContext& ctx, const nlohmann::json& args);
// {groupId, acknowledged: [id], rejected: [{recordId, code, reason}], totals: [{metric, bucket,
// value}], asOf} -> {acknowledged, parked}. All of it or none: the totals and the records they
// include change together, so a quota check never counts a record twice or not at all.
Result<nlohmann::json> OpSyncApplyReply(OpContext& ctx, const nlohmann::json& args);
// {} -> {pendingCount, pendingBytes, oldestPendingAt, deadLetterCount}.
Result<nlohmann::json> OpSyncStatus(OpContext& ctx, const nlohmann::json& args);
// {} -> [groupId]: the store's groups, whose totals sync reads.
Result<nlohmann::json> OpSyncGroups(OpContext& ctx, const nlohmann::json& args);
// {groupId?, limit?} -> [{groupId, recordId, metric, amount, code, reason, parkedAt}].
Result<nlohmann::json> OpListDeadLetters(OpContext& ctx, const nlohmann::json& args);
// {groupId?, recordIds?} -> {retried}: parked records back in the queue (all when no ids).
Result<nlohmann::json> OpRetryDeadLetter(OpContext& ctx, const nlohmann::json& args);
// {groupId?, recordIds?} -> {discarded}: parked records settled without the server counting
// them (their amount leaves the unacknowledged part of the quota level).
Result<nlohmann::json> OpDiscardDeadLetter(OpContext& ctx, const nlohmann::json& args);

// The module's manifest (api/operations.h).
const std::vector<Operation>& SyncOperations();

}  // namespace edgetally
