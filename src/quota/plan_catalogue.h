// PlanCatalogue: the built-in plans (Starter, Pro, Enterprise) and their limits. A limit is
// either a number or unlimited, never a big number standing in for "unlimited".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edgetally {

struct Limit {
  bool unlimited = false;
  int64_t value = 0;  // meaningful only when !unlimited
  static Limit Of(int64_t v) { return {false, v}; }
  static Limit Unlimited() { return {true, 0}; }
};

struct Plan {
  std::string id;             // "starter"
  std::string display_name;   // "Starter"
  int64_t price_cents_month;  // integer minor units
  Limit users;
  Limit storage_bytes;
  Limit api_calls_per_month;
  Limit entities_total;
};

// The built-in plans, cheapest first.
const std::vector<Plan>& BuiltInPlans();
// The built-in plan with this id, if any.
std::optional<Plan> FindBuiltInPlan(std::string_view id);

}  // namespace edgetally
