// Archive operations: the engine side of archival (src/archive, README "Archival"). One chunk
// moves in two calls with the compression between them in JS (the core has no zlib):
//   archivePrepare {groupId, daysCutoff?, maxEvents?, maxBytes?} -> descriptor + NDJSON bytes
//       (result bytes, see OpContext::SetResultBytes); reads only.
//   archiveCommit (bytes: the descriptor as one JSON line, '\n', then the gzip member) ->
//       the chunk; in one unit of work it checks that the gzip trailer holds the prepared
//       NDJSON (CRC-32, length), hashes the gzip (SHA-256), checks that the prepared range
//       still holds exactly the same events (ids only grow: count and id sum), deletes them
//       and stores the chunk as pending. Anything else: a typed error and nothing changed,
//       so calls interleaving between the two steps are safe.
// A run is archiveGroupBegin (the cutoff in force, the pages before), prepare/commit until no
// events are left, archiveReclaim steps, archiveFinishRun (outcome recorded). The daily run:
// archiveDailyPlan (every group and its cutoff), runs, archiveDailyDone (retention of bodies).
// Sync (js/sync/archives.js) reads syncListPendingArchives and syncReadArchive, and calls
// syncMarkArchiveUploaded: those take the chunk's id as `id`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/operations.h"
#include "common/status.h"

namespace edgetally {

class Database;
class OpContext;

Result<nlohmann::json> OpArchiveGroupBegin(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpArchivePrepare(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpArchiveCommit(OpContext& ctx, const Operation& op, std::string_view bytes);
Result<nlohmann::json> OpArchiveReclaim(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpArchiveFinishRun(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpArchiveDailyPlan(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpArchiveDailyDone(OpContext& ctx, const nlohmann::json& args);

// archive_admin_ops.cpp: status, policy, schedule, chunk reads and the sync side.
Result<nlohmann::json> OpGetArchivalStatus(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpSetArchivalPolicy(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpConfigureArchival(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpArchivalSchedule(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpArchiveChunkBytes(OpContext& ctx, const nlohmann::json& args);  // {chunkId}
Result<nlohmann::json> OpSyncReadArchive(OpContext& ctx, const nlohmann::json& args);    // {id}
Result<nlohmann::json> OpListArchives(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpListPendingArchives(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpMarkArchiveUploaded(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpPruneArchiveBodies(OpContext& ctx, const nlohmann::json& args);

// Shared by both files: the plan's events_retention_days of the group (empty: unlimited), and
// the cutoff a run of the group uses (args.daysCutoff checked against it).
struct ArchiveTarget {
  std::string group_id;
  int64_t days_cutoff = 0;
  int64_t cutoff_ts = 0;
  std::optional<int64_t> retention_days;
};
Result<ArchiveTarget> ResolveTarget(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> PagesJson(Database& db);

// The module's manifest (api/operations.h).
const std::vector<Operation>& ArchiveOperations();

}  // namespace edgetally
