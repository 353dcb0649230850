// GroupStats: per group, the number of things of each type with the bytes of their stored
// properties, and the number of connections. Kept by the writers of things and connections in
// the same transaction as the rows, so a dashboard reads entity totals in O(types), not
// O(things).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace edgetally {

class Database;

// Changes to one group's entity totals: per type, {things, property bytes} to add (negative to
// take away).
using EntityDeltas = std::map<std::string, std::pair<int64_t, int64_t>>;

// Adds the deltas, in the caller's transaction. Types whose count reaches 0 are dropped.
Status AddEntityStats(Database& db, const std::string& group_id, const EntityDeltas& deltas);
// Adds `count` connections to the group's total, in the caller's transaction.
Status AddConnectionStats(Database& db, const std::string& group_id, int64_t count);

struct EntityStats {
  int64_t things = 0;
  int64_t property_bytes = 0;
  std::vector<std::pair<std::string, int64_t>> by_type;  // ordered by type
  int64_t connections = 0;
};

Result<EntityStats> ReadEntityStats(Database& db, const std::string& group_id);

}  // namespace edgetally
