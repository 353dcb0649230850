// Relationships: a thing's connections in both directions, counted and listed by type, in
// pages ordered by connection id (ascending: a connection added while a caller pages lands
// after every existing one, so pages never shift).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"

namespace edgetally {

class Database;

enum class Direction { Outgoing, Incoming };

struct RelatedThing {
  int64_t connection_id = 0;
  std::string type;          // the connection's type
  int64_t thing_id = 0;      // the thing at the other end
  std::string thing_type;
  std::string name;
  std::string metadata;      // the connection's metadata, JSON object text
  int64_t created_at = 0;
};

struct RelationshipPage {
  std::vector<RelatedThing> items;
  bool more = false;  // another page follows the last item
};

// Connections of the thing in `direction` per type (ordered by type), with their counts.
Result<std::vector<std::pair<std::string, int64_t>>> CountRelationships(Database& db, int64_t thing_id,
                                                                        Direction direction);
// Up to `limit` connections with id > `after_id`, of `type` if given.
Result<RelationshipPage> ListRelationships(Database& db, int64_t thing_id, Direction direction,
                                           const std::optional<std::string>& type, int64_t after_id,
                                           int64_t limit);

}  // namespace edgetally
