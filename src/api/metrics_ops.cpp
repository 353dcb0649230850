// Metrics operations: logEvents and the computed reads.
#include "api/metrics_ops.h"

#include <functional>

#include "api/arg_scan.h"
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
#include "metrics/event_scan.h"
#include "quota/usage_recording.h"

namespace edgetally {

namespace {

struct CheckedEvents {
  std::vector<LoggedEvent> valid;
  std::vector<RowError> errors;
};

// Each row's own checks done (in input order), then the references of the rows that passed.
Result<CheckedEvents> CheckRefs(OpContext& ctx, const std::string& group_id, std::vector<Result<LoggedEvent>> rows) {
  std::vector<int64_t> ids;
  ids.reserve(rows.size() * 2);
  for (const Result<LoggedEvent>& row : rows) {
    if (!row.ok()) continue;
    if (row->actor_id) ids.push_back(row->actor_id);
    if (row->target_id) ids.push_back(row->target_id);
  }
  EventRefs refs;
  ET_RETURN_IF_ERROR(refs.Load(ctx.db(), group_id, std::move(ids)));
  CheckedEvents out;
  out.valid.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    Status status = rows[i].ok() ? refs.Check(rows[i].value()) : rows[i].status();
    if (!status.ok()) {
      out.errors.push_back(RowErrorFrom(status, static_cast<int64_t>(i)));
      continue;
    }
    rows[i]->index = static_cast<int64_t>(i);
    out.valid.push_back(std::move(rows[i].value()));
  }
  return out;
}

// logEvents once its arguments are read: `rest` holds groupId and mode, `read_rows` checks the
// rows' own rules at the engine time of the call.
Result<nlohmann::json> LogEvents(OpContext& ctx, const nlohmann::json& rest, size_t total,
                                 const std::function<Result<std::vector<Result<LoggedEvent>>>(int64_t now)>& read_rows) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, rest));
  ET_ASSIGN_OR_RETURN(BatchOptions options, ParseBatchOptions(rest));
  ET_ASSIGN_OR_RETURN(std::vector<Result<LoggedEvent>> rows, read_rows(scope.ctx.now));
  ET_ASSIGN_OR_RETURN(CheckedEvents checked, CheckRefs(ctx, scope.group.id, std::move(rows)));
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
  return nlohmann::json(BatchResultText("logged", ids, checked.errors, static_cast<int64_t>(total), failed));
}

// The events array's elements as raw text (each one validated JSON); false when the member
// is not an array or its text is broken.
bool ScanEventTexts(JsonScanner& scanner, std::vector<std::string_view>* out) {
  if (scanner.Peek() != JsonScanner::Kind::Array) return false;
  scanner.EnterArray();
  while (scanner.NextElement()) {
    std::string_view raw;
    if (!scanner.SkipValue(&raw)) return false;
    out->push_back(raw);
  }
  return !scanner.failed();
}

}  // namespace

Result<nlohmann::json> OpLogEvents(OpContext& ctx, const nlohmann::json& args) {
  const nlohmann::json& rows = args.at("events");  // an array: checked against the declaration
  return LogEvents(ctx, args, rows.size(), [&](int64_t now) -> Result<std::vector<Result<LoggedEvent>>> {
    std::vector<Result<LoggedEvent>> out;
    out.reserve(rows.size());
    for (const nlohmann::json& row : rows) out.push_back(CheckEventRow(row, now));
    return out;
  });
}

// The bulk path: one scan of the text, each row read in place (metrics/event_scan.h). Any
// shape the scan does not take (broken JSON, events not an array or given twice, a row the
// parser refuses, an argument error) goes to the tree path, which answers it as before.
Result<nlohmann::json> OpLogEventsText(OpContext& ctx, const Operation& op, std::string_view args_json) {
  std::vector<std::string_view> texts;
  int seen = 0;
  auto read_events = [&](JsonScanner& scanner) {
    if (++seen > 1 || !ScanEventTexts(scanner, &texts)) return Status(ErrorCode::InvalidArgument, "events: use the tree");
    return Status::Ok();
  };
  nlohmann::json rest;
  if (ScanArgs(args_json, op.args, "events", read_events, &rest).ok()) {
    Result<nlohmann::json> result = LogEvents(ctx, rest, texts.size(), [&](int64_t now) -> Result<std::vector<Result<LoggedEvent>>> {
      std::vector<Result<LoggedEvent>> out;
      out.reserve(texts.size());
      for (std::string_view text : texts) {
        out.push_back(ReadEventRow(text, now));
        if (!out.back().ok() && NeedsParsedCall(out.back().status())) return out.back().status();
      }
      return out;
    });
    if (result.ok() || !NeedsParsedCall(result.status())) return result;
  }
  ET_ASSIGN_OR_RETURN(nlohmann::json args, ParseArgsTree(op.name, op.args, args_json));
  return OpLogEvents(ctx, args);
}

Result<nlohmann::json> OpGetCreatorStats(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(int64_t id, RequireInt(args, "creatorId", 1, INT64_MAX));
  ET_ASSIGN_OR_RETURN(std::optional<CreatorRow> creator, ReadCreator(ctx.db(), id));
  if (!creator) {
    ET_RETURN_IF_ERROR(GetThing(ctx.db(), id).status());  // no such thing: its NotFound, as getThing says it
    return Status(ErrorCode::Internal, "thing " + std::to_string(id) + " has no group");
  }
  ET_ASSIGN_OR_RETURN(CreatorStats stats, ComputeCreatorStats(ctx.db(), id, creator->anchor, ctx.Now()));
  return nlohmann::json(CreatorStatsText(creator->thing, stats));  // JSON text: a raw_result operation
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
       .text = OpLogEventsText,
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
       .raw_result = true,
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
