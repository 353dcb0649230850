// BatchResult: the JSON shape of every batch operation's result (batchInsertThings, connections,
// updates, chunked batches and imports), written in api/ from the domain's ids and row errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/thing_rules.h"

namespace edgetally {

// The reference's batch result as JSON text: {<ids_key>: [ids], failed, errors: [{index,
// line?, field, code, message}], summary: {total, success, failed}} (ids_key: "created" or
// "updated"), written without a JSON tree since a result may hold millions of ids. `failed`
// may exceed errors.size() when only the first errors were kept; `cancelled` and `unchanged`
// are added when given.
std::string BatchResultText(std::string_view ids_key, const std::vector<int64_t>& ids,
                            const std::vector<RowError>& errors, int64_t total, int64_t failed,
                            std::optional<bool> cancelled = std::nullopt,
                            const std::vector<int64_t>* unchanged = nullptr);

}  // namespace edgetally
