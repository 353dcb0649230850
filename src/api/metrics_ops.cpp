// Metrics operations: logEvents and the computed reads.
#include "api/metrics_ops.h"

#include "api/group_scope.h"
#include "api/metrics_json.h"
#include "api/thing_writes.h"
#include "common/args.h"
#include "metrics/computed.h"
#include "metrics/event_log.h"
#include "quota/usage_recording.h"
#include "store/transaction.h"

namespace edgetally {

namespace {

struct CheckedEvents {
  std::vector<LoggedEvent> valid;
  std::vector<RowError> errors;
};

CheckedEvents CheckEvents(Engine& engine, const std::string& group_id, const nlohmann::json& rows, int64_t now) {
  CheckedEvents out;
  std::map<int64_t, std::string> owners;
  for (size_t i = 0; i < rows.size(); ++i) {
    Result<LoggedEvent> event = CheckEventRow(rows[i], now);
    Status status = event.ok() ? CheckEventRefs(engine.db(), group_id, event.value(), &owners) : event.status();
    if (!status.ok()) {
      out.errors.push_back(RowErrorFrom(status, static_cast<int64_t>(i)));
      continue;
    }
    event->index = static_cast<int64_t>(i);
    out.valid.push_back(std::move(event.value()));
  }
  return out;
}

}  // namespace

Result<nlohmann::json> OpLogEvents(Engine& engine, const nlohmann::json& args) {
  ET_RETURN_IF_ERROR(CheckKnownFields(args, {"groupId", "events", "mode"}));
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(engine, args));
  ET_ASSIGN_OR_RETURN(BatchOptions options, ParseBatchOptions(args));
  auto rows = args.find("events");
  if (rows == args.end() || !rows->is_array()) return InvalidField("events", "array", "events must be an array");
  CheckedEvents checked = CheckEvents(engine, scope.group.id, *rows, scope.ctx.now);
  std::vector<int64_t> ids;
  bool write = options.mode == BatchMode::Partial || checked.errors.empty();
  if (write && !checked.valid.empty()) {
    int64_t bytes = 0;
    for (const LoggedEvent& e : checked.valid) bytes += StorageBytesOf(e);
    Transaction txn(engine.db());
    ET_RETURN_IF_ERROR(txn.status());
    ET_RETURN_IF_ERROR(ConsumeUsage(scope.ctx, scope.group, Metric::StorageBytes, bytes));
    ET_RETURN_IF_ERROR(StoreEvents(engine.db(), scope.group.id, scope.ctx.now, &checked.valid));
    ET_RETURN_IF_ERROR(CommitWithAlerts(engine, scope, txn, {Metric::StorageBytes}));
    ids.reserve(checked.valid.size());
    for (const LoggedEvent& e : checked.valid) ids.push_back(e.id);
  }
  int64_t failed = static_cast<int64_t>(checked.errors.size());
  return nlohmann::json(BatchResultText("logged", ids, checked.errors, static_cast<int64_t>(rows->size()), failed));
}

Result<nlohmann::json> OpGetCreatorStats(Engine& engine, const nlohmann::json& args) {
  ET_RETURN_IF_ERROR(CheckKnownFields(args, {"creatorId"}));
  ET_ASSIGN_OR_RETURN(int64_t id, RequireInt(args, "creatorId", 1, INT64_MAX));
  ET_ASSIGN_OR_RETURN(Thing creator, GetThing(engine.db(), id));
  ET_ASSIGN_OR_RETURN(Group group, GetGroup(engine.db(), creator.group_id));
  ET_ASSIGN_OR_RETURN(CreatorStats stats, ComputeCreatorStats(engine.db(), creator, group, engine.Now()));
  nlohmann::json out = creator.ToJson();
  out["_computed"] = CreatorStatsJson(stats);
  return out;
}

Result<nlohmann::json> OpGetGroupMetrics(Engine& engine, const nlohmann::json& args) {
  ET_RETURN_IF_ERROR(CheckKnownFields(args, {"groupId"}));
  ET_ASSIGN_OR_RETURN(std::string id, RequireString(args, "groupId"));
  ET_ASSIGN_OR_RETURN(Group group, GetGroup(engine.db(), id));
  ET_ASSIGN_OR_RETURN(GroupMetrics metrics, ComputeGroupMetrics(engine.db(), group, engine.Now()));
  nlohmann::json out = group.ToJson();
  out["_computed"] = GroupMetricsJson(metrics);
  return out;
}

}  // namespace edgetally
