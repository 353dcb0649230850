// Connections: typed, directed links between two things of the same group (course -> lesson).
// A (from, to, type) triple exists at most once per group.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
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
// Which group each thing a batch names belongs to, read once per thing: a batch checks its
// rows before it writes, so the answers hold for the whole batch.
class EndpointCache {
 public:
  enum class Owner : uint8_t { None, ThisGroup, OtherGroup };
  // The owner of thing `id` relative to `group_id` (None: no such thing).
  Result<Owner> Find(Database& db, const std::string& group_id, int64_t id);

 private:
  std::unordered_map<int64_t, Owner> owners_;
};

// Checks the row against the store: both things exist ("unknown_thing") in this group
// ("other_group"), and the triple is not stored yet ("duplicate"). `cache` keeps the things'
// groups across the rows of one batch.
Status CheckEndpoints(Database& db, const std::string& group_id, const NewConnection& c, EndpointCache& cache);
// Inserts the connections with one "connection_created" batch event (rollup += count), in the
// caller's transaction; returns their ids.
Result<std::vector<int64_t>> InsertConnections(Database& db, const std::string& group_id,
                                               const std::vector<IndexedConnection>& rows, int64_t now);

}  // namespace edgetally
