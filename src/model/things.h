// Things: the entities of a group (courses, documents, users...). Insert one or many, read one
// back, count. Batches are one transaction: all rows land or none do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "model/thing_rules.h"

namespace edgetally {

class Database;

struct Thing {
  int64_t id = 0;
  std::string group_id;
  std::string type;
  std::string name;
  std::string status;
  std::string properties;  // JSON object text
  int64_t created_at = 0;
  int64_t updated_at = 0;
  nlohmann::json ToJson() const;
};

struct BatchInsertResult {
  std::vector<int64_t> created;
  std::vector<RowError> errors;  // when non-empty, nothing was written
  int64_t total = 0;
  nlohmann::json ToJson() const;
};

// The things of one batch after validation: the valid ones in input order and one error per
// invalid row (filled by thing_scan.h or CheckThing).
struct CheckedThings {
  std::vector<NewThing> valid;
  std::vector<RowError> errors;
  int64_t total = 0;
};

// Bytes a thing adds to its group's storage usage (its text columns).
int64_t StorageBytesOf(const NewThing& thing);

// Inserts one thing into an existing group; NotFound for an unknown group.
Result<Thing> InsertThing(Database& db, const std::string& group_id, const NewThing& thing);
// Inserts every valid row, or none when any row was invalid (the result then lists every
// invalid row). Call inside a transaction. NotFound for an unknown group.
Result<BatchInsertResult> BatchInsertThings(Database& db, const std::string& group_id,
                                            const CheckedThings& rows);
// NotFound when no thing has this id.
Result<Thing> GetThing(Database& db, int64_t id);
// Things in the group, optionally only those of one type.
Result<int64_t> CountThings(Database& db, const std::string& group_id,
                            const std::optional<std::string>& type);

}  // namespace edgetally
