// Meta: the store's key/value settings table (device id, warning thresholds, validation rules).
// One reader and one writer, so every module stores its settings the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace edgetally {

class Database;

// The value stored under `key`, or nullopt when there is none.
Result<std::optional<std::string>> ReadMeta(Database& db, std::string_view key);
// Stores `value` under `key`, replacing any previous value.
Status WriteMeta(Database& db, std::string_view key, std::string_view value);

}  // namespace edgetally
