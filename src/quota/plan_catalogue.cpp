// PlanCatalogue: the reference's three plans.
#include "quota/plan_catalogue.h"

namespace edgetally {

namespace {
constexpr int64_t kGiB = 1024LL * 1024 * 1024;
}

const std::vector<Plan>& BuiltInPlans() {
  static const std::vector<Plan> plans = {
      {"starter", "Starter", 0, Limit::Of(5), Limit::Of(1 * kGiB), Limit::Of(1000), Limit::Of(100)},
      {"pro", "Pro", 4900, Limit::Of(50), Limit::Of(100 * kGiB), Limit::Of(100000),
       Limit::Of(10000)},
      {"enterprise", "Enterprise", 49900, Limit::Unlimited(), Limit::Unlimited(),
       Limit::Unlimited(), Limit::Unlimited()},
  };
  return plans;
}

std::optional<Plan> FindBuiltInPlan(std::string_view id) {
  for (const Plan& plan : BuiltInPlans()) {
    if (plan.id == id) return plan;
  }
  return std::nullopt;
}

}  // namespace edgetally
