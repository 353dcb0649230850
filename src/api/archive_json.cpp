// ArchiveJson: chunk metadata as JSON for the JS API.
#include "api/archive_json.h"

namespace edgetally {

nlohmann::json ChunkJson(const ChunkRecord& chunk) {
  return {{"chunkId", chunk.id},
          {"groupId", chunk.group_id},
          {"fromTs", chunk.from_ts},
          {"toTs", chunk.to_ts},
          {"events", chunk.events},
          {"bytes", chunk.bytes},
          {"sha256", chunk.sha256},
          {"state", chunk.state},
          {"createdAt", chunk.created_at},
          {"uploadedAt", chunk.uploaded_at ? nlohmann::json(*chunk.uploaded_at) : nlohmann::json(nullptr)},
          {"bodyKept", chunk.body_kept}};
}

}  // namespace edgetally
