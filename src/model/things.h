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
};

struct BatchInsertResult {
  std::vector<int64_t> created;
  std::vector<RowError> errors;  // rows that broke a rule (atomic mode: then nothing was written)
  int64_t total = 0;
};

// A thing that passed the row rules, with its position in the input (and its line in an
// imported file, so errors found later, e.g. by the store's rules, can name it).
struct IndexedThing {
  int64_t index;
  NewThing thing;
  int64_t line = 0;  // 0 when the input was not a file
};

// The things of one batch after validation: the valid ones in input order and one error per
// invalid row (filled by thing_scan.h or CheckThing).
struct CheckedThings {
  std::vector<IndexedThing> valid;
  std::vector<RowError> errors;
  int64_t total = 0;
};

// Bytes a thing adds to its group's storage usage (its text columns).
int64_t StorageBytesOf(const NewThing& thing);

// Inserts the things into the group with one "thing_created" batch event (rollup += count), in
// the caller's transaction; returns their ids in order. The group must exist.
Result<std::vector<int64_t>> InsertThings(Database& db, const std::string& group_id,
                                          const std::vector<IndexedThing>& things, int64_t now);
// NotFound when no thing has this id.
Result<Thing> GetThing(Database& db, int64_t id);
// Things in the group, optionally only those of one type.
Result<int64_t> CountThings(Database& db, const std::string& group_id,
                            const std::optional<std::string>& type);

}  // namespace edgetally
