// PlanCatalogue: the plans a group can be on, with a limit per metric and a monthly price.
// Built in: Starter, Pro, Enterprise (unlimited everything: a state of its own, never a big
// number). Custom plans come from JSON (definePlans) and are stored in the `plans` table; a
// custom plan with a built-in id replaces it. Per-group overrides (groups.plan_overrides) change
// single limits of one group's plan.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "quota/metrics.h"

namespace edgetally {

class Database;

struct Limit {
  bool unlimited = false;
  int64_t value = 0;  // meaningful only when !unlimited
  static Limit Of(int64_t v) { return {false, v}; }
  static Limit Unlimited() { return {true, 0}; }
  nlohmann::json ToJson() const { return unlimited ? nlohmann::json(nullptr) : nlohmann::json(value); }
};

struct Plan {
  std::string id;                  // "starter"
  std::string name;                // "Starter"
  int64_t price_cents = 0;         // per month, integer minor units
  std::array<Limit, kAllMetrics.size()> limits;  // indexed by Metric
  const Limit& limit(Metric m) const { return limits[static_cast<size_t>(m)]; }
  Limit& limit(Metric m) { return limits[static_cast<size_t>(m)]; }
  nlohmann::json ToJson() const;
};

class PlanCatalogue {
 public:
  // The built-in plans plus the custom plans stored in the database.
  static Result<PlanCatalogue> Load(Database& db);
  // The plan with this id, or nullptr.
  const Plan* Find(std::string_view id) const;
  // All plans, cheapest first (ties by id).
  const std::vector<Plan>& plans() const { return plans_; }

 private:
  std::vector<Plan> plans_;
};

const std::vector<Plan>& BuiltInPlans();

// Parses {id, name, priceCents, limits: {<metric>: integer >= 0 | null (unlimited)}} with
// every metric present. InvalidArgument naming the field and rule on any mistake.
Result<Plan> ParsePlan(const nlohmann::json& json, std::string_view at);
// Stores custom plans (insert or replace), in the caller's transaction.
Status SavePlans(Database& db, const std::vector<Plan>& plans);
// UnknownPlan (details field "plan", allowed: the catalogue's ids) unless `plan` is in it.
Status CheckPlanId(const PlanCatalogue& plans, const std::string& plan);
// Parses overrides {<metric>: integer >= 0 | null}; InvalidArgument on a mistake.
Result<nlohmann::json> CheckOverrides(const nlohmann::json& overrides);
// `plan` with the group's overrides applied.
Plan ApplyOverrides(Plan plan, const nlohmann::json& overrides);

}  // namespace edgetally
