// Metrics operations: logEvents and the computed reads.
#include "api/metrics_ops.h"

#include "api/batch_result.h"
#include "api/entity_json.h"
#include "api/group_scope.h"
#include "api/metrics_json.h"
#include "api/op_context.h"
#include "api/thing_writes.h"
#include "api/unit_of_work.h"
#include "common/args.h"
#include "metrics/computed.h"
#include "metrics/event_log.h"
#include "quota/usage_recording.h"

namespace edgetally {

namespace {

struct CheckedEvents {
  std::vector<LoggedEvent> valid;
  std::vector<RowError> errors;
};

CheckedEvents CheckEvents(OpContext& ctx, const std::string& group_id, const nlohmann::json& rows, int64_t now) {
  CheckedEvents out;
  std::map<int64_t, std::string> owners;
  for (size_t i = 0; i < rows.size(); ++i) {
    Result<LoggedEvent> event = CheckEventRow(rows[i], now);
    Status status = event.ok() ? CheckEventRefs(ctx.db(), group_id, event.value(), &owners) : event.status();
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

Result<nlohmann::json> OpLogEvents(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  ET_ASSIGN_OR_RETURN(BatchOptions options, ParseBatchOptions(args));
  auto rows = args.find("events");  // an array: checked against the declaration
  CheckedEvents checked = CheckEvents(ctx, scope.group.id, *rows, scope.ctx.now);
  std::vector<int64_t> ids;
  bool write = options.mode == BatchMode::Partial || checked.errors.empty();
  if (write && !checked.valid.empty()) {
    int64_t bytes = 0;
    for (const LoggedEvent& e : checked.valid) bytes += StorageBytesOf(e);
    ET_RETURN_IF_ERROR(WriteUnit(ctx, {.scope = &scope, .alerts = {Metric::StorageBytes}}, [&]() -> Status {
      ET_RETURN_IF_ERROR(ConsumeUsage(scope.ctx, scope.group, Metric::StorageBytes, bytes));
      return StoreEvents(ctx.db(), scope.group.id, scope.ctx.now, &checked.valid);
    }));
    ids.reserve(checked.valid.size());
    for (const LoggedEvent& e : checked.valid) ids.push_back(e.id);
  }
  int64_t failed = static_cast<int64_t>(checked.errors.size());
  return nlohmann::json(BatchResultText("logged", ids, checked.errors, static_cast<int64_t>(rows->size()), failed));
}

Result<nlohmann::json> OpGetCreatorStats(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(int64_t id, RequireInt(args, "creatorId", 1, INT64_MAX));
  ET_ASSIGN_OR_RETURN(Thing creator, GetThing(ctx.db(), id));
  ET_ASSIGN_OR_RETURN(Group group, GetGroup(ctx.db(), creator.group_id));
  ET_ASSIGN_OR_RETURN(CreatorStats stats, ComputeCreatorStats(ctx.db(), creator, group, ctx.Now()));
  nlohmann::json out = ThingJson(creator);
  out["_computed"] = CreatorStatsJson(stats);
  return out;
}

Result<nlohmann::json> OpGetGroupMetrics(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(std::string id, RequireString(args, "groupId"));
  ET_ASSIGN_OR_RETURN(Group group, GetGroup(ctx.db(), id));
  int64_t now = ctx.Now();
  ET_ASSIGN_OR_RETURN(bool due, EngagementWindowDue(ctx.db(), group.id, now));
  if (due) {
    ET_RETURN_IF_ERROR(WriteUnit(ctx, {}, [&] { return MoveEngagementWindow(ctx.db(), group.id, now); }));
  }
  ET_ASSIGN_OR_RETURN(GroupMetrics metrics, ComputeGroupMetrics(ctx.db(), group, now));
  nlohmann::json out = GroupJson(group);
  out["_computed"] = GroupMetricsJson(metrics);
  return out;
}

namespace {
ArgField ThingIdArg() { return arg::Required("thingId", arg::Integer(1, INT64_MAX)); }
ArgSpec TypesSpec() { return arg::Array(arg::String()); }  // non-empty, 1..64 characters: OptionalTypes
}  // namespace

const std::vector<Operation>& MetricsOperations() {
  static const std::vector<Operation> operations = {
      {.name = "logEvents",
       .json = OpLogEvents,
       .args = arg::Object({arg::Required("groupId", arg::Id()), arg::Required("events", arg::Rows(arg::Any().Doc("NewEvent"))),
                            ModeArg()}),
       .result = "LogEventsResult",
       .writes = true,
       .bulk = true,
       .raw_result = true,
       .summary = "appends events (views, likes, purchases, ...), atomic or partial, checked row by row"},
      {.name = "getCreatorStats",
       .json = OpGetCreatorStats,
       .args = arg::Object({arg::Required("creatorId", arg::Integer(1, INT64_MAX))}),
       .result = "Thing & { _computed: CreatorComputed }",
       .summary = "a creator thing with its computed stats"},
      {.name = "getGroupMetrics",
       .json = OpGetGroupMetrics,
       .args = GroupArgs(),
       .result = "Group & { _computed: GroupComputed }",
       .summary = "a group with every computed metric"},
      {.name = "getThingWithRelationships",
       .json = OpGetThingWithRelationships,
       .args = arg::Object({ThingIdArg(), arg::Optional("types", TypesSpec()),
                            arg::Optional("limitPerType", arg::Integer(1, 1000))}),
       .result = "Thing & { relationships }",
       .summary = "a thing with its connections grouped by type and direction, first page of each"},
      {.name = "getThingRelationshipsPaginated",
       .json = OpGetThingRelationshipsPaginated,
       .args = arg::Object({ThingIdArg(), arg::Required("direction", arg::String().OneOf({"outgoing", "incoming"})),
                            arg::Optional("type", arg::String()), arg::Optional("cursor", arg::String()),
                            arg::Optional("limit", arg::Integer(1, 1000))}),
       .result = "{ total, items, nextCursor }",
       .summary = "one direction's connections, page by page with an opaque cursor"},
      {.name = "getThingActivity",
       .json = OpGetThingActivity,
       .args = arg::Object({ThingIdArg(), arg::Optional("types", TypesSpec()), arg::Optional("cursor", arg::String()),
                            arg::Optional("limit", arg::Integer(1, 1000))}),
       .result = "{ items, nextCursor }",
       .summary = "a thing's events, newest first, page by page with an opaque cursor"},
  };
  return operations;
}

}  // namespace edgetally
