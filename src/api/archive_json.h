// ArchiveJson: an archive chunk's metadata as the JS API returns it (archiveGroupEvents,
// listArchives, readArchive...). src/archive hands out ChunkRecord; the field names live here.
#pragma once

#include <nlohmann/json.hpp>

#include "archive/archive_store.h"

namespace edgetally {

// {chunkId, groupId, fromTs, toTs, events, bytes, sha256, state, createdAt, uploadedAt, bodyKept}
nlohmann::json ChunkJson(const ChunkRecord& chunk);

}  // namespace edgetally
