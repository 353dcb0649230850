// Groups: the tenants of a store. Every thing, connection, event and usage record belongs to
// one group; no query crosses groups.
#pragma once

#include <optional>
#include <string>

#include "common/status.h"

namespace edgetally {

class Database;

struct Group {
  std::string id;
  std::string name;
  std::string plan;
  int64_t created_at = 0;
};

struct NewGroup {
  std::optional<std::string> id;  // the app's tenant id; generated ("g_" + 16 hex) when absent
  std::string name;               // 1..256 characters after trimming
  std::string plan;               // a plan id from the catalogue
};

// Creates a group. InvalidArgument for a bad name/id, UnknownPlan for a plan not in the
// catalogue, AlreadyExists for a taken id.
Result<Group> CreateGroup(Database& db, const NewGroup& group);
// NotFound when no group has this id.
Result<Group> GetGroup(Database& db, const std::string& id);

}  // namespace edgetally
