// Sync operations: argument checks around sync/outbox and the ledger's acknowledgement.
#include "api/sync_ops.h"

#include "api/group_scope.h"
#include "api/op_context.h"
#include "api/unit_of_work.h"
#include "common/args.h"
#include "common/json_writer.h"
#include "quota/metrics.h"
#include "store/meta.h"
#include "store/statement.h"
#include "sync/outbox.h"
#include "usage/ledger.h"
#include "usage/server_totals.h"

namespace edgetally {

namespace {

constexpr int64_t kMaxBatchRecords = 100000;
constexpr int64_t kMaxBatchBytes = 64 << 20;

Result<std::string> DeviceId(OpContext& ctx) {
  ET_ASSIGN_OR_RETURN(std::optional<std::string> id, ReadMeta(ctx.db(), "device_id"));
  return id.value_or("");
}

Result<std::vector<std::string>> StringList(const Json& args, std::string_view field) {
  std::vector<std::string> out;
  auto it = args.find(field);
  if (it == args.end() || it->is_null()) return out;
  if (!it->is_array()) return InvalidField(field, "array", std::string(field) + " must be an array of strings");
  for (const Json& item : *it) {
    if (!item.is_string()) return InvalidField(field, "string", std::string(field) + " must hold strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

Status ApplyTotals(OpContext& ctx, const std::string& group_id, const Json& args, int64_t as_of) {
  auto totals = args.find("totals");
  if (totals == args.end() || totals->is_null()) return Status::Ok();
  if (!totals->is_array()) return InvalidField("totals", "array", "totals must be an array of {metric, bucket, value}");
  for (const Json& total : *totals) {
    ET_RETURN_IF_ERROR(RequireObject(total, "totals[]"));
    ET_ASSIGN_OR_RETURN(std::string name, RequireString(total, "metric"));
    ET_RETURN_IF_ERROR(ParseMetric(name, "totals[].metric").status());
    ET_ASSIGN_OR_RETURN(int64_t bucket, RequireInt(total, "bucket", 0, INT64_MAX / 2));
    ET_ASSIGN_OR_RETURN(int64_t value, RequireInt(total, "value", -INT64_MAX / 2, INT64_MAX / 2));
    ET_RETURN_IF_ERROR(SetServerTotal(ctx.db(), group_id, name, bucket, {value, as_of}));
  }
  return Status::Ok();
}

Result<int64_t> ParkRejected(OpContext& ctx, const std::string& group_id, const Json& args) {
  auto rejected = args.find("rejected");
  if (rejected == args.end() || rejected->is_null()) return 0;
  if (!rejected->is_array()) return InvalidField("rejected", "array", "rejected must be an array of {recordId, code, reason}");
  int64_t parked = 0;
  for (const Json& item : *rejected) {
    ET_RETURN_IF_ERROR(RequireObject(item, "rejected[]"));
    ET_ASSIGN_OR_RETURN(std::string id, RequireString(item, "recordId"));
    ET_ASSIGN_OR_RETURN(std::string code, RequireString(item, "code"));
    ET_ASSIGN_OR_RETURN(std::optional<std::string> reason, OptionalString(item, "reason"));
    ET_ASSIGN_OR_RETURN(bool done, ParkRecord(ctx.db(), group_id, id, code, reason.value_or(code), ctx.Now()));
    parked += done ? 1 : 0;
  }
  return parked;
}

Result<std::vector<std::pair<std::string, std::string>>> NamedDeadLetters(OpContext& ctx, const Json& args) {
  ET_ASSIGN_OR_RETURN(std::optional<std::string> group_id, OptionalString(args, "groupId"));
  ET_ASSIGN_OR_RETURN(std::vector<std::string> ids, StringList(args, "recordIds"));
  return SelectDeadLetters(ctx.db(), group_id, ids);
}

}  // namespace

Result<std::optional<OutboxCursor>> CursorArg(const Json& args) {
  auto it = args.find("after");
  if (it == args.end() || it->is_null()) return std::optional<OutboxCursor>();
  ET_RETURN_IF_ERROR(RequireObject(*it, "after"));
  ET_ASSIGN_OR_RETURN(int64_t ts, RequireInt(*it, "ts", INT64_MIN / 2, INT64_MAX / 2));
  ET_ASSIGN_OR_RETURN(std::string record_id, RequireString(*it, "recordId"));
  return std::optional<OutboxCursor>(OutboxCursor{ts, std::move(record_id)});
}

Result<nlohmann::json> OpSyncReadOutbox(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(int64_t max_records, RequireInt(args, "maxRecords", 1, kMaxBatchRecords));
  ET_ASSIGN_OR_RETURN(int64_t max_bytes, RequireInt(args, "maxBytes", 1, kMaxBatchBytes));
  ET_ASSIGN_OR_RETURN(std::optional<std::string> group_id, OptionalString(args, "groupId"));
  ET_ASSIGN_OR_RETURN(std::vector<std::string> skip, StringList(args, "skipGroups"));
  ET_ASSIGN_OR_RETURN(std::optional<OutboxCursor> after, CursorArg(args));
  ET_ASSIGN_OR_RETURN(std::optional<std::string> format, OptionalString(args, "format"));
  if (format && *format != "text" && *format != "events" && *format != "bytes") {
    return InvalidField("format", "enum", "format must be 'events', 'text' or 'bytes'");
  }
  bool as_text = format.value_or("events") == "text";
  bool as_bytes = format.value_or("events") == "bytes";
  if (!group_id) {
    ET_ASSIGN_OR_RETURN(group_id, OldestPendingGroup(ctx.db(), skip));
  }
  PendingBatch batch;
  std::string device_id;
  if (group_id) {
    ET_ASSIGN_OR_RETURN(device_id, DeviceId(ctx));
    ET_ASSIGN_OR_RETURN(batch, ReadPending(ctx.db(), *group_id, device_id, max_records, max_bytes, after));
  } else {
    batch.events = "[]";
  }
  JsonWriter out;  // the events (or their text as a string) go in by hand: JsonWriter writes no raw values
  out.BeginObject().Key("groupId");
  if (group_id) out.String(*group_id); else out.Null();
  out.Key("bytes").Int(static_cast<int64_t>(batch.events.size()));
  out.Key("count").Int(static_cast<int64_t>(batch.records.size())).Key("cursor");
  if (batch.records.empty()) {
    out.Null();
  } else {
    out.BeginObject().Key("ts").Int(batch.records.back().ts).Key("recordId").String(batch.records.back().record_id).EndObject();
    out.Key("digest").String(batch.digest);
  }
  if (as_bytes) {  // the events' UTF-8 text handed out as bytes, beside the result
    ctx.SetResultBytes(std::move(batch.events));
    return Json(out.EndObject().Take());
  }
  out.Key(as_text ? "body" : "events");
  if (as_text) out.String(batch.events);
  std::string text = out.Take();
  if (!as_text) text += batch.events;
  text += '}';
  return Json(std::move(text));
}

Result<std::optional<OutboxRange>> BatchArg(const Json& args) {
  auto it = args.find("batch");
  if (it == args.end() || it->is_null()) return std::optional<OutboxRange>();
  ET_RETURN_IF_ERROR(RequireObject(*it, "batch"));
  OutboxRange range;
  ET_ASSIGN_OR_RETURN(std::optional<OutboxCursor> after, CursorArg(*it));
  if (after) range.after = OutboxKey{after->ts, std::move(after->record_id)};
  auto last = it->find("last");
  if (last == it->end()) return InvalidField("batch.last", "required", "batch.last is required");
  ET_ASSIGN_OR_RETURN(range.last.ts, RequireInt(*last, "ts", INT64_MIN / 2, INT64_MAX / 2));
  ET_ASSIGN_OR_RETURN(range.last.record_id, RequireString(*last, "recordId"));
  ET_ASSIGN_OR_RETURN(range.count, RequireInt(*it, "count", 1, kMaxBatchRecords));
  ET_ASSIGN_OR_RETURN(range.digest, RequireString(*it, "digest"));
  return std::optional<OutboxRange>(std::move(range));
}

std::vector<std::string> RejectedIds(const Json& args) {
  std::vector<std::string> ids;
  auto rejected = args.find("rejected");
  if (rejected == args.end() || !rejected->is_array()) return ids;
  for (const Json& item : *rejected) {
    if (item.is_object() && item.contains("recordId") && item["recordId"].is_string()) ids.push_back(item["recordId"]);
  }
  return ids;
}

// With `batch`: the batch acknowledged as the outbox range it was read as, but for its rejected
// records (parked after); nothing acknowledged (stale) when the range holds other records now.
Result<nlohmann::json> OpSyncApplyReply(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  ET_ASSIGN_OR_RETURN(int64_t as_of, RequireInt(args, "asOf", 0, INT64_MAX / 2));
  ET_ASSIGN_OR_RETURN(std::vector<std::string> acknowledged, StringList(args, "acknowledged"));
  ET_ASSIGN_OR_RETURN(std::optional<OutboxRange> batch, BatchArg(args));
  int64_t acked = 0, parked = 0;
  bool stale = false;
  ET_RETURN_IF_ERROR(WriteUnit(ctx, {.scope = &scope, .alerts = AllMetrics()}, [&]() -> Status {
    ET_RETURN_IF_ERROR(ApplyTotals(ctx, scope.group.id, args, as_of));
    ET_ASSIGN_OR_RETURN(acked, AcknowledgeRecords(ctx.db(), acknowledged, scope.group.id));
    if (batch) {
      ET_ASSIGN_OR_RETURN(std::optional<int64_t> range, AcknowledgeRange(ctx.db(), scope.group.id, *batch, RejectedIds(args)));
      stale = !range;
      acked += range.value_or(0);
    }
    ET_ASSIGN_OR_RETURN(parked, ParkRejected(ctx, scope.group.id, args));
    return Status::Ok();
  }));
  Json out = {{"acknowledged", acked}, {"parked", parked}};
  if (batch) out["stale"] = stale;
  return out;
}

Result<nlohmann::json> OpSyncStatus(OpContext& ctx, const nlohmann::json&) {
  ET_ASSIGN_OR_RETURN(std::string device_id, DeviceId(ctx));
  ET_ASSIGN_OR_RETURN(OutboxCounts counts, CountOutbox(ctx.db(), static_cast<int64_t>(device_id.size())));
  return Json{{"pendingCount", counts.pending},
              {"pendingBytes", counts.pending_bytes},
              {"oldestPendingAt", counts.oldest_ts ? Json(*counts.oldest_ts) : Json(nullptr)},
              {"deadLetterCount", counts.dead_letters}};
}

Result<nlohmann::json> OpSyncGroups(OpContext& ctx, const nlohmann::json&) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, ctx.db().Cached("SELECT id FROM groups ORDER BY id"));
  Json out = Json::array();
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    out.push_back(stmt->ColumnText(0));
  }
  stmt->Reset();
  return out;
}

Result<nlohmann::json> OpListDeadLetters(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(std::optional<std::string> group_id, OptionalString(args, "groupId"));
  int64_t limit = 1000;
  if (args.contains("limit")) {
    ET_ASSIGN_OR_RETURN(limit, RequireInt(args, "limit", 1, kMaxBatchRecords));
  }
  ET_ASSIGN_OR_RETURN(std::vector<DeadLetter> letters, ListDeadLetters(ctx.db(), group_id, limit));
  Json out = Json::array();
  for (const DeadLetter& d : letters) {
    out.push_back({{"groupId", d.group_id}, {"recordId", d.record_id}, {"metric", d.metric}, {"amount", d.amount},
                   {"code", d.code}, {"reason", d.reason}, {"parkedAt", d.parked_at}});
  }
  return out;
}

Result<nlohmann::json> OpRetryDeadLetter(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(size_t retried, WriteUnit(ctx, {}, [&]() -> Result<size_t> {
    ET_ASSIGN_OR_RETURN(auto keys, NamedDeadLetters(ctx, args));
    for (const auto& [group_id, record_id] : keys) ET_RETURN_IF_ERROR(RequeueRecord(ctx.db(), group_id, record_id));
    return keys.size();
  }));
  return Json{{"retried", retried}};
}

Result<nlohmann::json> OpDiscardDeadLetter(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(size_t discarded, WriteUnit(ctx, {}, [&]() -> Result<size_t> {
    ET_ASSIGN_OR_RETURN(auto keys, NamedDeadLetters(ctx, args));
    for (const auto& [group_id, record_id] : keys) {
      ET_RETURN_IF_ERROR(RequeueRecord(ctx.db(), group_id, record_id));
      ET_RETURN_IF_ERROR(AcknowledgeRecords(ctx.db(), {record_id}, group_id).status());
      ET_RETURN_IF_ERROR(MarkDiscarded(ctx.db(), group_id, record_id));
    }
    return keys.size();
  }));
  return Json{{"discarded", discarded}};
}

namespace {
ArgSpec DeadLetterKeys() {
  return arg::Object({arg::Optional("groupId", arg::Id()), arg::Optional("recordIds", arg::Array(arg::String()))});
}
}  // namespace

const std::vector<Operation>& SyncOperations() {
  static const std::vector<Operation> operations = {
      {.name = "syncReadOutbox",
       .json = OpSyncReadOutbox,
       .args = arg::Object({arg::Optional("groupId", arg::Id()), arg::Optional("skipGroups", arg::Array(arg::String())),
                            arg::Required("maxRecords", arg::Integer(1, kMaxBatchRecords)),
                            arg::Required("maxBytes", arg::Integer(1, kMaxBatchBytes)),
                            arg::Optional("after", arg::Object({arg::Required("ts", arg::Integer(INT64_MIN / 2, INT64_MAX / 2)),
                                                                arg::Required("recordId", arg::String())})),
                            arg::Optional("format", arg::String())}),
       .result = "{ groupId, events | body, bytes, count, cursor, digest? }",
       .bulk = true,
       .raw_result = true,
       .js = JsSurface::Internal,
       .summary = "the oldest pending usage records of a group (after a cursor) as CloudEvents, with the digest of their ids; format 'text': the array as one string, 'bytes': as result bytes (a step of sync())"},
      {.name = "syncApplyReply",
       .json = OpSyncApplyReply,
       .args = arg::Object(
           {arg::Required("groupId", arg::Id()), arg::Required("asOf", arg::Integer(0, INT64_MAX / 2)),
            arg::Optional("acknowledged", arg::Array(arg::String())),
            arg::Optional("batch", arg::Object({arg::Optional("after", arg::Object({arg::Required("ts", arg::Integer(INT64_MIN / 2, INT64_MAX / 2)),
                                                                                       arg::Required("recordId", arg::String())})),
                                                 arg::Required("last", arg::Object({arg::Required("ts", arg::Integer(INT64_MIN / 2, INT64_MAX / 2)),
                                                                                    arg::Required("recordId", arg::String())})),
                                                 arg::Required("count", arg::Integer(1, kMaxBatchRecords)),
                                                 arg::Required("digest", arg::String())})),
            arg::Optional("rejected", arg::Array(arg::Object({arg::Required("recordId", arg::String()),
                                                              arg::Required("code", arg::String()),
                                                              arg::Optional("reason", arg::String())}))),
            arg::Optional("totals", arg::Array(arg::Object({arg::Required("metric", arg::Id().Doc("Metric")),
                                                            arg::Required("bucket", arg::Integer(0, INT64_MAX / 2)),
                                                            arg::Required("value", arg::Integer(-INT64_MAX / 2, INT64_MAX / 2))})))}),
       .result = "{ acknowledged, parked, stale? }",
       .writes = true,
       .js = JsSurface::Internal,
       .summary = "the server's reply: its totals, the acknowledged records (by id, or a batch as the outbox range it was read as), the refused ones parked (a step of sync())"},
      {.name = "syncStatus",
       .json = OpSyncStatus,
       .result = "{ pendingCount, pendingBytes, oldestPendingAt, deadLetterCount }",
       .js = JsSurface::Internal,
       .summary = "the outbox counts (read by getSyncStatus())"},
      {.name = "syncGroups",
       .json = OpSyncGroups,
       .result = "string[]",
       .js = JsSurface::Internal,
       .summary = "the store's group ids, whose totals sync refreshes"},
      {.name = "listDeadLetters",
       .json = OpListDeadLetters,
       .args = arg::Object({arg::Optional("groupId", arg::Id()), arg::Optional("limit", arg::Integer(1, kMaxBatchRecords))}),
       .result = "DeadLetter[]",
       .summary = "usage records the server refused for good"},
      {.name = "retryDeadLetter",
       .json = OpRetryDeadLetter,
       .args = DeadLetterKeys(),
       .result = "{ retried }",
       .writes = true,
       .summary = "parked records back in the outbox (all of them when no ids)"},
      {.name = "discardDeadLetter",
       .json = OpDiscardDeadLetter,
       .args = DeadLetterKeys(),
       .result = "{ discarded }",
       .writes = true,
       .summary = "parked records settled without the server counting them"},
  };
  return operations;
}

}  // namespace edgetally
