// Archive operations: a run's steps (archive_ops.h) and the module's manifest.
#include "api/archive_ops.h"

#include <chrono>

#include "api/archive_json.h"
#include "api/group_scope.h"
#include "api/op_context.h"
#include "api/unit_of_work.h"
#include "archive/archive_policy.h"
#include "archive/archive_store.h"
#include "archive/chunk_select.h"
#include "archive/gzip_check.h"
#include "archive/sha256.h"
#include "archive/space.h"
#include "common/args.h"

namespace edgetally {

namespace {

constexpr int64_t kMaxDays = 36500;
constexpr int64_t kMaxChunkBytes = 64 << 20;
// What a commit or reclaim step may hold dirty before SQLite spills (SpillThreshold). Seen: the bench's last
// commit (a 37,354-event chunk and a 2,150-page reclaim step) journals ~2,430 pages, 10 MB,
// over the 8 MiB cache; the runner's steps are of 4,096 pages, chunks at most 50,000 events.
constexpr int64_t kCommitSpillKiB = 64 << 10;

ArgSpec RangeSpec() {
  return arg::Object({arg::Required("firstTs", arg::Integer(INT64_MIN, INT64_MAX)),
                      arg::Required("firstId", arg::Integer(1, INT64_MAX)),
                      arg::Required("lastTs", arg::Integer(INT64_MIN, INT64_MAX)),
                      arg::Required("lastId", arg::Integer(1, INT64_MAX)),
                      arg::Required("belowId", arg::Integer(1, INT64_MAX)),
                      arg::Required("idSum", arg::Integer(1, INT64_MAX))});
}

// The descriptor archivePrepare returns and archiveCommit takes back (its first line).
ArgSpec CommitHeaderSpec() {
  return arg::Object({arg::Required("groupId", arg::Id()), arg::Required("range", RangeSpec()),
                      arg::Required("events", arg::Integer(1, INT64_MAX)),
                      arg::Required("ndjsonBytes", arg::Integer(1, INT64_MAX)),
                      arg::Required("crc32", arg::Integer(0, UINT32_MAX)),
                      arg::Optional("sha256", arg::String().MaxLength(64)),
                      arg::Optional("finish", arg::Object({arg::Required("archived", arg::Integer(0, INT64_MAX)),
                                                           arg::Required("reclaimPages", arg::Integer(0, 1 << 20))}))});
}

ArgSpec RunArgs() {
  return arg::Object({arg::Required("groupId", arg::Id()), arg::Optional("daysCutoff", arg::Integer(1, kMaxDays)),
                      arg::Optional("maxEvents", arg::Integer(1, 1000000)),
                      arg::Optional("maxBytes", arg::Integer(1024, kMaxChunkBytes))});
}

// archivePrepareNext: RunArgs and the key the chunk before it (prepared, not committed) ends at.
ArgSpec NextArgs() {
  return arg::Object({arg::Required("groupId", arg::Id()), arg::Optional("daysCutoff", arg::Integer(1, kMaxDays)),
                      arg::Optional("maxEvents", arg::Integer(1, 1000000)),
                      arg::Optional("maxBytes", arg::Integer(1024, kMaxChunkBytes)),
                      arg::Required("after", arg::Object({arg::Required("ts", arg::Integer(INT64_MIN, INT64_MAX)),
                                                          arg::Required("id", arg::Integer(1, INT64_MAX))}))});
}

nlohmann::json RangeJson(const ChunkRange& r) {
  return {{"firstTs", r.first.ts}, {"firstId", r.first.id}, {"lastTs", r.last.ts}, {"lastId", r.last.id},
          {"belowId", r.below_id}, {"idSum", r.id_sum}};
}

ChunkRange RangeFrom(const std::string& group_id, const nlohmann::json& r, int64_t events) {
  return {group_id, {r.at("firstTs"), r.at("firstId")}, {r.at("lastTs"), r.at("lastId")}, r.at("belowId"), events,
          r.at("idSum")};
}

nlohmann::json TargetJson(const ArchiveTarget& t) {
  return {{"groupId", t.group_id}, {"daysCutoff", t.days_cutoff}, {"cutoffTs", t.cutoff_ts},
          {"retentionDays", t.retention_days ? nlohmann::json(*t.retention_days) : nlohmann::json(nullptr)}};
}

// The last chunk of a run carries the run's end (header "finish"): in the commit's unit of
// work, the pages after the delete are counted, up to reclaimPages free pages are given back
// and the outcome 'ok' is recorded, so the run's last chunk, its first reclaim step and its
// record are one transaction (one commit, not three). Returns the page counts after the delete
// (spaceAfterDelete) and the ms the reclaim step took (reclaimMs, informative).
Result<nlohmann::json> FinishInCommit(OpContext& ctx, const std::string& group_id, const nlohmann::json& finish) {
  nlohmann::json out;
  ET_ASSIGN_OR_RETURN(out["spaceAfterDelete"], PagesJson(ctx.db()));
  int64_t reclaim = finish["reclaimPages"];
  auto t0 = std::chrono::steady_clock::now();
  if (reclaim > 0) ET_RETURN_IF_ERROR(ReclaimPages(ctx.db(), reclaim));
  out["reclaimMs"] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ET_RETURN_IF_ERROR(RecordRun(ctx.db(), group_id, ctx.Now(), "ok", "", finish["archived"]));
  return out;
}

}  // namespace

Result<ArchiveTarget> ResolveTarget(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  ET_ASSIGN_OR_RETURN(Plan plan, EffectivePlan(*scope.config, scope.group));
  const Limit& retention = plan.limit(Metric::EventsRetentionDays);
  ArchiveTarget target{scope.group.id, 0, 0, std::nullopt};
  if (!retention.unlimited) target.retention_days = std::max<int64_t>(retention.value, 1);
  ET_ASSIGN_OR_RETURN(GroupArchival group, LoadGroupArchival(ctx.db(), scope.group.id));
  std::optional<int64_t> requested;
  if (args.contains("daysCutoff") && !args["daysCutoff"].is_null()) requested = args["daysCutoff"].get<int64_t>();
  ET_ASSIGN_OR_RETURN(target.days_cutoff, ResolveDaysCutoff(requested, group, target.retention_days));
  target.cutoff_ts = ctx.Now() - target.days_cutoff * kDayMs;
  return target;
}

Result<nlohmann::json> PagesJson(Database& db) {
  ET_ASSIGN_OR_RETURN(PageCounts counts, CountPages(db));
  return nlohmann::json{{"pages", counts.pages}, {"freePages", counts.free_pages}, {"pageSize", counts.page_size},
                        {"reclaim", counts.incremental ? "incremental_vacuum" : "reuse"}};
}

Result<nlohmann::json> OpArchiveGroupBegin(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(ArchiveTarget target, ResolveTarget(ctx, args));
  nlohmann::json out = TargetJson(target);
  ET_ASSIGN_OR_RETURN(out["space"], PagesJson(ctx.db()));
  return out;
}

Result<nlohmann::json> OpArchivePrepare(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(ArchiveTarget target, ResolveTarget(ctx, args));
  ChunkLimits limits;
  limits.max_events = args.value("maxEvents", limits.max_events);
  limits.max_bytes = args.value("maxBytes", limits.max_bytes);
  std::optional<EventKey> after;
  if (args.contains("after")) after = EventKey{args["after"].at("ts"), args["after"].at("id")};
  ET_ASSIGN_OR_RETURN(PreparedChunk chunk,
                      SelectChunk(ctx.db(), target.group_id, target.cutoff_ts, limits, after ? &*after : nullptr));
  nlohmann::json out = TargetJson(target);
  out["events"] = chunk.range.events;
  out["more"] = chunk.more;
  if (chunk.range.events == 0) return out;
  out["range"] = RangeJson(chunk.range);
  out["ndjsonBytes"] = chunk.ndjson.size();
  out["crc32"] = chunk.crc32;
  ctx.SetResultBytes(std::move(chunk.ndjson));
  return out;
}

Result<nlohmann::json> OpArchiveCommit(OpContext& ctx, const Operation&, std::string_view bytes) {
  size_t newline = bytes.find('\n');
  nlohmann::json header = nlohmann::json::parse(bytes.substr(0, newline == std::string_view::npos ? 0 : newline),
                                                nullptr, /*allow_exceptions=*/false);
  if (newline == std::string_view::npos || header.is_discarded() || !header.is_object()) {
    return Status(ErrorCode::InvalidArgument, "archiveCommit takes the prepared descriptor as one JSON line, then the gzip bytes",
                  {{"rule", "commit_format"}});
  }
  ET_RETURN_IF_ERROR(CheckArgs(CommitHeaderSpec(), header));
  std::string_view gzip = bytes.substr(newline + 1);
  ET_RETURN_IF_ERROR(CheckGzipHolds(gzip, header["crc32"].get<uint32_t>(), header["ndjsonBytes"], "gzip"));
  std::string sha256 = Sha256Hex(gzip);
  if (header.contains("sha256") && header["sha256"] != sha256) {
    return Status(ErrorCode::ArchiveConflict, "the gzip bytes hash to " + sha256 + ", not the sha256 given",
                  {{"field", "sha256"}, {"rule", "sha256_mismatch"}, {"actual", sha256}});
  }
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, header));
  ChunkRange range = RangeFrom(scope.group.id, header["range"], header["events"]);
  const nlohmann::json* finish = header.contains("finish") ? &header["finish"] : nullptr;
  nlohmann::json finished;
  SpillThreshold spill(ctx.db(), kCommitSpillKiB);
  ET_ASSIGN_OR_RETURN(ChunkRecord chunk, WriteUnit(ctx, {}, [&]() -> Result<ChunkRecord> {
    ET_ASSIGN_OR_RETURN(ChunkRecord stored, StoreChunk(ctx.db(), range, gzip, sha256, ctx.Now()));
    ET_RETURN_IF_ERROR(AddArchived(ctx.db(), range.group_id, range.events));
    if (finish) {
      ET_ASSIGN_OR_RETURN(finished, FinishInCommit(ctx, range.group_id, *finish));
    }
    return stored;
  }));
  nlohmann::json out = ChunkJson(chunk);
  if (finish) {
    ET_ASSIGN_OR_RETURN(finished["space"], PagesJson(ctx.db()));
    out["finished"] = std::move(finished);
  }
  return out;
}

Result<nlohmann::json> OpArchiveReclaim(OpContext& ctx, const nlohmann::json& args) {
  int64_t max_pages = args.value("maxPages", int64_t{4096});
  SpillThreshold spill(ctx.db(), kCommitSpillKiB);
  ET_RETURN_IF_ERROR(WriteUnit(ctx, {}, [&] { return ReclaimPages(ctx.db(), max_pages); }));
  return PagesJson(ctx.db());
}

Result<nlohmann::json> OpArchivePages(OpContext& ctx, const nlohmann::json&) { return PagesJson(ctx.db()); }

Result<nlohmann::json> OpArchiveFinishRun(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  std::string outcome = args.at("outcome"), error = args.value("error", std::string());
  int64_t archived = args.value("archived", int64_t{0});
  ET_RETURN_IF_ERROR(WriteUnit(ctx, {}, [&] { return RecordRun(ctx.db(), scope.group.id, ctx.Now(), outcome, error, archived); }));
  return PagesJson(ctx.db());
}

Result<nlohmann::json> OpArchiveDailyPlan(OpContext& ctx, const nlohmann::json&) {
  ET_ASSIGN_OR_RETURN(Statement groups, ctx.db().Prepare("SELECT id FROM groups ORDER BY id"));
  nlohmann::json out = nlohmann::json::array();
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, groups.Step());
    if (!row) break;
    ET_ASSIGN_OR_RETURN(ArchiveTarget target, ResolveTarget(ctx, {{"groupId", groups.ColumnText(0)}}));
    out.push_back(TargetJson(target));
  }
  return nlohmann::json{{"groups", out}, {"startedAt", ctx.Now()}};
}

Result<nlohmann::json> OpArchiveDailyDone(OpContext& ctx, const nlohmann::json&) {
  int64_t now = ctx.Now(), dropped = 0;
  ET_RETURN_IF_ERROR(WriteUnit(ctx, {}, [&]() -> Status {
    ET_ASSIGN_OR_RETURN(ArchivalSettings settings, LoadSettings(ctx.db()));
    settings.last_daily_run_at = now;
    ET_RETURN_IF_ERROR(SaveSettings(ctx.db(), settings));
    ET_ASSIGN_OR_RETURN(dropped, DropUploadedBodies(ctx.db(), now - settings.keep_uploaded_days * kDayMs));
    return Status::Ok();
  }));
  return nlohmann::json{{"ranAt", now}, {"bodiesDropped", dropped}};
}

const std::vector<Operation>& ArchiveOperations() {
  static const std::vector<Operation> operations = {
      {.name = "archiveGroupBegin", .json = OpArchiveGroupBegin, .args = RunArgs(),
       .result = "ArchiveGroupResult", .js = JsSurface::Custom, .js_method = "archiveGroupEvents",
       .js_args = "signal?, onProgress?",
       .summary = "archives a group's events older than daysCutoff as verified gzip NDJSON chunks"},
      {.name = "archivePrepare", .json = OpArchivePrepare, .args = RunArgs(), .result = "ArchiveBatchResult",
       .js = JsSurface::Custom, .js_method = "archiveEventBatch",
       .summary = "archives the group's next chunk of old events (one step of archiveGroupEvents)"},
      {.name = "archivePrepareNext", .json = OpArchivePrepare, .args = NextArgs(), .result = "ArchiveBatchResult",
       .js = JsSurface::Internal,
       .summary = "archivePrepare of the chunk after a prepared one (the runner encodes it while the first compresses)"},
      {.name = "archiveCommit", .text = OpArchiveCommit, .bytes = true, .result = "ArchiveChunk", .writes = true,
       .js = JsSurface::Internal, .summary = "stores a prepared chunk's gzip bytes and deletes its events"},
      {.name = "archiveReclaim", .json = OpArchiveReclaim,
       .args = arg::Object({arg::Optional("maxPages", arg::Integer(1, 1 << 20))}), .result = "ArchiveSpace",
       .writes = true, .js = JsSurface::Internal, .summary = "gives up to maxPages free pages back to the file system"},
      {.name = "archivePages", .json = OpArchivePages, .result = "ArchiveSpace", .js = JsSurface::Internal,
       .summary = "the store's page counts"},
      {.name = "archiveFinishRun", .json = OpArchiveFinishRun,
       .args = arg::Object({arg::Required("groupId", arg::Id()),
                            arg::Required("outcome", arg::String().OneOf({"ok", "aborted", "error"})),
                            arg::Optional("error", arg::String().MaxLength(2000)),
                            arg::Optional("archived", arg::Integer(0, INT64_MAX))}),
       .result = "ArchiveSpace", .writes = true, .js = JsSurface::Internal, .summary = "records a run's outcome"},
      {.name = "archiveDailyPlan", .json = OpArchiveDailyPlan, .result = "DailyArchivalResult",
       .js = JsSurface::Custom, .js_method = "runDailyArchival",
       .summary = "runs archival now for every group with its cutoff, then body retention"},
      {.name = "archiveDailyDone", .json = OpArchiveDailyDone, .result = "{ ranAt, bodiesDropped }", .writes = true,
       .js = JsSurface::Internal, .summary = "records the daily run and drops old uploaded bodies"},
      {.name = "getArchivalStatus", .json = OpGetArchivalStatus,
       .args = arg::Object({arg::Optional("groupId", arg::Id())}), .result = "ArchivalStatus",
       .summary = "per group: cutoff, last run and outcome, events archived, chunks and bytes; the schedule"},
      {.name = "setArchivalPolicy", .json = OpSetArchivalPolicy,
       .args = arg::Object({arg::Required("groupId", arg::Id()), arg::Required("daysCutoff", arg::Integer(1, kMaxDays).Nullable())}),
       .result = "ArchivalGroupStatus", .writes = true,
       .summary = "sets a group's retention in days (null: the default), bounded by its plan"},
      {.name = "configureArchival", .json = OpConfigureArchival,
       .args = arg::Object({arg::Optional("dailyAtUtc", arg::String().MaxLength(8).Nullable()),
                            arg::Optional("keepUploadedDays", arg::Integer(0, kMaxDays))}),
       .result = "ArchivalSchedule", .writes = true,
       .summary = "the daily run's UTC time (\"HH:MM\", null: off) and how long uploaded bodies stay"},
      {.name = "archivalSchedule", .json = OpArchivalSchedule, .result = "ArchivalSchedule",
       .js = JsSurface::Internal, .summary = "the schedule, its next run and whether a run was missed"},
      {.name = "listArchives", .json = OpListArchives,
       .args = arg::Object({arg::Optional("groupId", arg::Id()), arg::Optional("limit", arg::Integer(1, 100000))}),
       .result = "ArchiveChunk[]", .summary = "the local chunks, oldest first"},
      {.name = "exportArchive", .json = OpArchiveChunkBytes,
       .args = arg::Object({arg::Required("chunkId", arg::Integer(1, INT64_MAX))}), .result = "Uint8Array",
       .js = JsSurface::Custom, .summary = "a chunk's gzip bytes (verified against its SHA-256)"},
      {.name = "readArchive", .json = OpArchiveChunkBytes,
       .args = arg::Object({arg::Required("chunkId", arg::Integer(1, INT64_MAX))}), .result = "ArchiveContents",
       .js = JsSurface::Custom, .summary = "a chunk's events (verified against its SHA-256)"},
      {.name = "syncReadArchive", .json = OpSyncReadArchive,
       .args = arg::Object({arg::Required("id", arg::Integer(1, INT64_MAX))}), .result = "ArchiveChunk & { body }",
       .js = JsSurface::Internal, .summary = "sync: a chunk's verified gzip bytes"},
      {.name = "syncListPendingArchives", .json = OpListPendingArchives,
       .args = arg::Object({arg::Optional("afterId", arg::Integer(0, INT64_MAX)), arg::Optional("limit", arg::Integer(1, 10000))}),
       .result = "{ chunks }", .js = JsSurface::Internal,
       .summary = "sync: chunks not yet uploaded with an id above afterId, oldest first"},
      {.name = "syncMarkArchiveUploaded", .json = OpMarkArchiveUploaded,
       .args = arg::Object({arg::Required("id", arg::Integer(1, INT64_MAX)), arg::Required("sha256", arg::String().MaxLength(64))}),
       .result = "ArchiveChunk", .writes = true, .js = JsSurface::Internal,
       .summary = "sync: the server holds the chunk with this hash (idempotent)"},
      {.name = "pruneArchiveBodies", .json = OpPruneArchiveBodies,
       .args = arg::Object({arg::Optional("olderThanDays", arg::Integer(0, kMaxDays))}), .result = "{ dropped }",
       .writes = true, .summary = "drops bodies of chunks uploaded more than olderThanDays ago; metadata stays"},
  };
  return operations;
}

}  // namespace edgetally
