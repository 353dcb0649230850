// ServerTotals: the server's last known totals per group, metric and bucket (all devices,
// acknowledged records only). Sync stores them; until then, or offline, quota checks add the
// local records the server has not acknowledged, so a device never spends what it already
// knows others used.
#pragma once

#include <optional>
#include <string>

#include "common/status.h"

namespace edgetally {

class Database;

struct ServerTotal {
  int64_t value = 0;
  int64_t as_of = 0;  // ms: when the server computed it
};

// Stores a total, replacing an older one (a total older than the stored one is ignored).
// InvalidArgument (field "totals.<metric>", rule max_quantity or max_total) and nothing stored
// when the value, or the value plus the bucket's unacknowledged local records, would pass
// kMaxQuantity (usage/quantity.h).
Status SetServerTotal(Database& db, const std::string& group_id, const std::string& metric,
                      int64_t bucket, const ServerTotal& total);
Result<std::optional<ServerTotal>> ReadServerTotal(Database& db, const std::string& group_id,
                                                   const std::string& metric, int64_t bucket);

}  // namespace edgetally
