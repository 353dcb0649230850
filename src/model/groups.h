// Groups: the tenants of a store. Every thing, connection, event and usage record belongs to
// one group; no query crosses groups. A group is on one plan of the catalogue, with optional
// per-group limit overrides and a billing anchor for its monthly and annual periods.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "usage/periods.h"

namespace edgetally {

class Database;

struct Group {
  std::string id;
  std::string name;
  std::string plan;
  nlohmann::json overrides = nlohmann::json::object();  // {<metric>: limit | null}
  Anchor anchor;
  int64_t created_at = 0;
};

struct NewGroup {
  std::optional<std::string> id;  // the app's tenant id; generated ("g_" + 16 hex) when absent
  std::string name;               // 1..256 characters after trimming
  std::string plan;               // a plan id from the catalogue
  nlohmann::json overrides = nlohmann::json::object();
  Anchor anchor;
};

// Creates a group at time `now`. The caller has checked `plan` and `overrides` against the plan
// catalogue (quota/plan_catalogue.h: the groups know no plans). InvalidArgument for a bad
// name/id, AlreadyExists for a taken id.
Result<Group> CreateGroup(Database& db, const NewGroup& group, int64_t now);
// NotFound when no group has this id.
Result<Group> GetGroup(Database& db, const std::string& id);
// Moves a group to `plan` with `overrides` (replacing the old ones, checked by the caller) at
// time `now`; takes effect at once. NotFound for an unknown group.
Result<Group> SetGroupPlan(Database& db, const std::string& id, const std::string& plan,
                           const nlohmann::json& overrides, int64_t now);

}  // namespace edgetally
