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

#include "api/operations.h"
#include "common/status.h"

namespace edgetally {

class OpContext;

// The module's manifest (see operations.h).
const std::vector<Operation>& BulkOperations();

Result<nlohmann::json> OpBeginBatch(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpBatchChunk(OpContext& ctx, const Operation& op, std::string_view args_json);
Result<nlohmann::json> OpBeginImport(OpContext& ctx, const nlohmann::json& args);
Result<nlohmann::json> OpImportChunk(OpContext& ctx, const Operation& op, std::string_view bytes);
Result<nlohmann::json> OpEndBatch(OpContext& ctx, const nlohmann::json& args);

}  // namespace edgetally
