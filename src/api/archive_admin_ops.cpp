// Archive operations: status, policy and schedule, chunk reads, and the sync side (pending
// chunks, bytes, mark uploaded), plus body retention.
#include "api/archive_ops.h"

#include "api/archive_json.h"
#include "api/group_scope.h"
#include "api/op_context.h"
#include "api/unit_of_work.h"
#include "archive/archive_policy.h"
#include "archive/archive_store.h"
#include "common/args.h"
#include "store/statement.h"

namespace edgetally {

namespace {

nlohmann::json OptionalJson(const std::optional<int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

nlohmann::json ScheduleJson(const ArchivalSettings& s, int64_t now) {
  bool on = s.daily_at_ms.has_value();
  return {{"dailyAtUtc", on ? nlohmann::json(FormatTimeOfDay(*s.daily_at_ms)) : nlohmann::json(nullptr)},
          {"nextRunAt", on ? nlohmann::json(NextScheduledAfter(now, *s.daily_at_ms)) : nlohmann::json(nullptr)},
          {"due", DailyRunDue(s, now)},
          {"lastDailyRunAt", OptionalJson(s.last_daily_run_at)},
          {"keepUploadedDays", s.keep_uploaded_days}};
}

// Chunk counts and bytes of one group: {local, pending, uploaded, bodiesDropped}, bytes held.
Result<nlohmann::json> ChunkCounts(Database& db, const std::string& group_id) {
  ET_ASSIGN_OR_RETURN(Statement row, db.Prepare(
      "SELECT count(*), coalesce(sum(state = 'pending'), 0), coalesce(sum(state = 'uploaded'), 0), "
      "coalesce(sum(body IS NULL), 0), coalesce(sum(CASE WHEN body IS NOT NULL THEN byte_size END), 0), "
      "coalesce(sum(byte_size), 0) FROM archives WHERE group_id = ?1"));
  row.Bind(1, group_id);
  ET_RETURN_IF_ERROR(row.Step().status());
  return nlohmann::json{{"chunks", {{"total", row.ColumnInt(0)}, {"pending", row.ColumnInt(1)},
                                    {"uploaded", row.ColumnInt(2)}, {"local", row.ColumnInt(0) - row.ColumnInt(3)},
                                    {"bodiesDropped", row.ColumnInt(3)}}},
                        {"bytesLocal", row.ColumnInt(4)}, {"bytesTotal", row.ColumnInt(5)}};
}

Result<nlohmann::json> GroupStatus(OpContext& ctx, const std::string& group_id) {
  ET_ASSIGN_OR_RETURN(ArchiveTarget target, ResolveTarget(ctx, {{"groupId", group_id}}));
  ET_ASSIGN_OR_RETURN(GroupArchival group, LoadGroupArchival(ctx.db(), group_id));
  ET_ASSIGN_OR_RETURN(nlohmann::json out, ChunkCounts(ctx.db(), group_id));
  ET_ASSIGN_OR_RETURN(Statement hot, ctx.db().Prepare("SELECT count(*) FROM events WHERE group_id = ?1 AND ts < ?2"));
  hot.Bind(1, group_id).Bind(2, target.cutoff_ts);
  ET_RETURN_IF_ERROR(hot.Step().status());
  out["groupId"] = group_id;
  out["daysCutoff"] = target.days_cutoff;
  out["cutoffTs"] = target.cutoff_ts;
  out["policyDaysCutoff"] = OptionalJson(group.days_cutoff);
  out["retentionDays"] = OptionalJson(target.retention_days);
  out["eventsDue"] = hot.ColumnInt(0);
  out["eventsArchived"] = group.events_archived;
  out["lastRun"] = group.last_run_at
                       ? nlohmann::json{{"at", *group.last_run_at}, {"outcome", group.last_outcome},
                                        {"archived", group.last_archived},
                                        {"error", group.last_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(group.last_error)}}
                       : nlohmann::json(nullptr);
  out["lastError"] = group.last_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(group.last_error);
  return out;
}

int64_t LimitArg(const nlohmann::json& args, int64_t fallback) { return args.value("limit", fallback); }

}  // namespace

Result<nlohmann::json> OpGetArchivalStatus(OpContext& ctx, const nlohmann::json& args) {
  std::vector<std::string> ids;
  if (args.contains("groupId") && !args["groupId"].is_null()) {
    ids.push_back(args["groupId"]);
  } else {
    ET_ASSIGN_OR_RETURN(Statement groups, ctx.db().Prepare("SELECT id FROM groups ORDER BY id"));
    for (;;) {
      ET_ASSIGN_OR_RETURN(bool row, groups.Step());
      if (!row) break;
      ids.push_back(groups.ColumnText(0));
    }
  }
  nlohmann::json groups = nlohmann::json::array();
  for (const std::string& id : ids) {
    ET_ASSIGN_OR_RETURN(nlohmann::json status, GroupStatus(ctx, id));
    groups.push_back(std::move(status));
  }
  ET_ASSIGN_OR_RETURN(ArchivalSettings settings, LoadSettings(ctx.db()));
  ET_ASSIGN_OR_RETURN(nlohmann::json space, PagesJson(ctx.db()));
  return nlohmann::json{{"groups", groups}, {"schedule", ScheduleJson(settings, ctx.Now())}, {"space", space}};
}

Result<nlohmann::json> OpSetArchivalPolicy(OpContext& ctx, const nlohmann::json& args) {
  nlohmann::json check = {{"groupId", args["groupId"]}};
  if (!args["daysCutoff"].is_null()) check["daysCutoff"] = args["daysCutoff"];
  ET_ASSIGN_OR_RETURN(ArchiveTarget target, ResolveTarget(ctx, check));  // refuses above the plan
  std::optional<int64_t> days;
  if (!args["daysCutoff"].is_null()) days = target.days_cutoff;
  ET_RETURN_IF_ERROR(WriteUnit(ctx, {}, [&] { return SaveDaysCutoff(ctx.db(), target.group_id, days); }));
  return GroupStatus(ctx, target.group_id);
}

Result<nlohmann::json> OpConfigureArchival(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(ArchivalSettings settings, LoadSettings(ctx.db()));
  if (args.contains("dailyAtUtc")) {
    if (args["dailyAtUtc"].is_null()) {
      settings.daily_at_ms.reset();
    } else {
      std::optional<int64_t> at = ParseTimeOfDay(args["dailyAtUtc"]);
      if (!at) {
        return Status(ErrorCode::InvalidArgument, "dailyAtUtc must be a UTC time of day \"HH:MM\" or \"HH:MM:SS\"",
                      {{"field", "dailyAtUtc"}, {"rule", "time_of_day"}});
      }
      settings.daily_at_ms = at;
    }
    settings.configured_at = ctx.Now();
  }
  settings.keep_uploaded_days = args.value("keepUploadedDays", settings.keep_uploaded_days);
  ET_RETURN_IF_ERROR(WriteUnit(ctx, {}, [&] { return SaveSettings(ctx.db(), settings); }));
  return ScheduleJson(settings, ctx.Now());
}

Result<nlohmann::json> OpArchivalSchedule(OpContext& ctx, const nlohmann::json&) {
  ET_ASSIGN_OR_RETURN(ArchivalSettings settings, LoadSettings(ctx.db()));
  return ScheduleJson(settings, ctx.Now());
}

Result<nlohmann::json> OpArchiveChunkBytes(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(ChunkRecord chunk, GetChunk(ctx.db(), args.at("chunkId").get<int64_t>()));
  ET_ASSIGN_OR_RETURN(std::string body, ReadChunkBody(ctx.db(), chunk));
  ctx.SetResultBytes(std::move(body));
  return ChunkJson(chunk);
}

Result<nlohmann::json> OpSyncReadArchive(OpContext& ctx, const nlohmann::json& args) {
  return OpArchiveChunkBytes(ctx, {{"chunkId", args.at("id")}});
}

Result<nlohmann::json> OpListArchives(OpContext& ctx, const nlohmann::json& args) {
  std::string group = args.value("groupId", std::string());
  if (!group.empty()) ET_RETURN_IF_ERROR(GetGroup(ctx.db(), group).status());
  ET_ASSIGN_OR_RETURN(std::vector<ChunkRecord> chunks, ListChunks(ctx.db(), group, LimitArg(args, 1000)));
  nlohmann::json out = nlohmann::json::array();
  for (const ChunkRecord& c : chunks) out.push_back(ChunkJson(c));
  return out;
}

Result<nlohmann::json> OpListPendingArchives(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(std::vector<ChunkRecord> chunks, PendingChunks(ctx.db(), args.value("afterId", int64_t{0}), LimitArg(args, 100)));
  nlohmann::json out = nlohmann::json::array();
  for (const ChunkRecord& c : chunks) {
    out.push_back({{"chunkId", c.id}, {"groupId", c.group_id}, {"sha256", c.sha256}, {"bytes", c.bytes},
                   {"events", c.events}, {"fromTs", c.from_ts}, {"toTs", c.to_ts}, {"createdAt", c.created_at}});
  }
  return nlohmann::json{{"chunks", out}};
}

Result<nlohmann::json> OpMarkArchiveUploaded(OpContext& ctx, const nlohmann::json& args) {
  int64_t id = args.at("id");
  std::string sha256 = args.at("sha256");
  ET_ASSIGN_OR_RETURN(ChunkRecord chunk, WriteUnit(ctx, {}, [&] { return MarkUploaded(ctx.db(), id, sha256, ctx.Now()); }));
  return ChunkJson(chunk);
}

Result<nlohmann::json> OpPruneArchiveBodies(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(ArchivalSettings settings, LoadSettings(ctx.db()));
  int64_t days = args.value("olderThanDays", settings.keep_uploaded_days);
  int64_t dropped = 0;
  ET_RETURN_IF_ERROR(WriteUnit(ctx, {}, [&]() -> Status {
    ET_ASSIGN_OR_RETURN(dropped, DropUploadedBodies(ctx.db(), ctx.Now() - days * kDayMs));
    return Status::Ok();
  }));
  return nlohmann::json{{"dropped", dropped}};
}

}  // namespace edgetally
