// Chunked batch operations (see operations.h and bulk_session.h):
//   beginBatch {groupId, mode?, skipValidation?, total?}   -> {}
//   batchChunk (text: {"things": [...]})                   -> progress
//   beginImport {groupId, format, type?, mapping?, delimiter?, hasHeader?, mode?, skipValidation?}
//   importChunk (raw file bytes)                           -> progress
//   endBatch {commit: bool}                                -> the batch result
// While a session runs, every other operation gets BATCH_IN_PROGRESS.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace edgetally {

class Engine;

Result<nlohmann::json> OpBeginBatch(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpBatchChunk(Engine& engine, std::string_view args_json);
Result<nlohmann::json> OpBeginImport(Engine& engine, const nlohmann::json& args);
Result<nlohmann::json> OpImportChunk(Engine& engine, std::string_view bytes);
Result<nlohmann::json> OpEndBatch(Engine& engine, const nlohmann::json& args);

}  // namespace edgetally
