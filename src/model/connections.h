// Connections: typed, directed links between two things of the same group (course -> lesson).
// A (from, to, type) triple exists at most once per group.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "model/thing_rules.h"

namespace edgetally {

class Database;

struct NewConnection {
  int64_t from_id = 0;
  int64_t to_id = 0;
  std::string type;      // 1..64 characters
  std::string metadata;  // a JSON object's text; "{}" when absent
};

struct IndexedConnection {
  int64_t index;
  NewConnection connection;
};

// Checks one input row {fromId, toId, type, metadata?}; InvalidArgument naming the field.
Result<NewConnection> CheckConnection(const nlohmann::json& row);
// Checks the row against the store: both things exist ("unknown_thing") in this group
// ("other_group"), and the triple is not stored yet ("duplicate").
Status CheckEndpoints(Database& db, const std::string& group_id, const NewConnection& c);
// Inserts the connections with one "connection_created" batch event (rollup += count), in the
// caller's transaction; returns their ids.
Result<std::vector<int64_t>> InsertConnections(Database& db, const std::string& group_id,
                                               const std::vector<IndexedConnection>& rows, int64_t now);

}  // namespace edgetally
