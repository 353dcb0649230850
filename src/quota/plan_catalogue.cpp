// PlanCatalogue: the reference's three plans, custom plans from JSON, overrides.
#include "quota/plan_catalogue.h"

#include <algorithm>

#include "common/args.h"
#include "model/text_rules.h"
#include "store/database.h"
#include "store/statement.h"
#include "usage/quantity.h"

namespace edgetally {

namespace {

constexpr int64_t kGiB = 1024LL * 1024 * 1024;

Plan MakePlan(std::string id, std::string name, int64_t price, std::array<Limit, 6> limits) {
  Plan plan;
  plan.id = std::move(id);
  plan.name = std::move(name);
  plan.price_cents = price;
  plan.limits = limits;
  return plan;
}

// Reads one limit value: a non-negative integer, or null for unlimited.
Result<Limit> ParseLimit(const nlohmann::json& value, const std::string& field) {
  if (value.is_null()) return Limit::Unlimited();
  nlohmann::json holder = {{"v", value}};
  Result<int64_t> number = RequireInt(holder, "v", 0, kMaxQuantity);  // a limit is a quantity too
  if (!number.ok()) {
    return InvalidField(field, "limit", field + " must be an integer from 0 to 2^53 - 1, or null for unlimited");
  }
  return Limit::Of(number.value());
}

}  // namespace

nlohmann::json Plan::ToJson() const {
  nlohmann::json limit_json = nlohmann::json::object();
  for (Metric m : kAllMetrics) limit_json[std::string(MetricName(m))] = limit(m).ToJson();
  return {{"id", id}, {"name", name}, {"priceCents", price_cents}, {"limits", limit_json}};
}

const std::vector<Plan>& BuiltInPlans() {
  // Order of limits: users, storage bytes, API calls/month, entities, connections, retention days.
  static const std::vector<Plan> plans = {
      MakePlan("starter", "Starter", 0,
               {Limit::Of(5), Limit::Of(1 * kGiB), Limit::Of(1000), Limit::Of(100),
                Limit::Of(1000), Limit::Of(30)}),
      MakePlan("pro", "Pro", 4900,
               {Limit::Of(50), Limit::Of(100 * kGiB), Limit::Of(100000), Limit::Of(10000),
                Limit::Of(100000), Limit::Of(365)}),
      MakePlan("enterprise", "Enterprise", 49900,
               {Limit::Unlimited(), Limit::Unlimited(), Limit::Unlimited(), Limit::Unlimited(),
                Limit::Unlimited(), Limit::Unlimited()}),
  };
  return plans;
}

Result<PlanCatalogue> PlanCatalogue::Load(Database& db) {
  PlanCatalogue catalogue;
  catalogue.plans_ = BuiltInPlans();
  ET_ASSIGN_OR_RETURN(Statement rows, db.Prepare("SELECT definition FROM plans"));
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, rows.Step());
    if (!row) break;
    ET_ASSIGN_OR_RETURN(Plan plan, ParsePlan(nlohmann::json::parse(rows.ColumnText(0)), "plan"));
    auto same = std::find_if(catalogue.plans_.begin(), catalogue.plans_.end(),
                             [&](const Plan& p) { return p.id == plan.id; });
    if (same != catalogue.plans_.end()) *same = plan;
    else catalogue.plans_.push_back(plan);
  }
  std::stable_sort(catalogue.plans_.begin(), catalogue.plans_.end(), [](const Plan& a, const Plan& b) {
    return a.price_cents != b.price_cents ? a.price_cents < b.price_cents : a.id < b.id;
  });
  return catalogue;
}

const Plan* PlanCatalogue::Find(std::string_view id) const {
  for (const Plan& plan : plans_) {
    if (plan.id == id) return &plan;
  }
  return nullptr;
}

Result<Plan> ParsePlan(const nlohmann::json& json, std::string_view at) {
  std::string where(at);
  if (!json.is_object()) return InvalidField(where, "object", where + " must be an object");
  Plan plan;
  ET_ASSIGN_OR_RETURN(plan.id, RequireString(json, "id"));
  ET_RETURN_IF_ERROR(CheckId(plan.id, "id"));
  ET_ASSIGN_OR_RETURN(std::string name, RequireString(json, "name"));
  ET_ASSIGN_OR_RETURN(plan.name, CleanName(name, "name"));
  ET_ASSIGN_OR_RETURN(plan.price_cents, RequireInt(json, "priceCents", 0, INT64_MAX));
  auto limits = json.find("limits");
  if (limits == json.end() || !limits->is_object()) {
    return InvalidField("limits", "object", "limits must be an object with every metric");
  }
  for (const auto& [key, value] : limits->items()) ET_RETURN_IF_ERROR(ParseMetric(key, "limits").status());
  for (Metric m : kAllMetrics) {
    std::string field = "limits." + std::string(MetricName(m));
    auto value = limits->find(MetricName(m));
    if (value == limits->end()) {
      return InvalidField(field, "required", field + " is required (a number, or null for unlimited)");
    }
    ET_ASSIGN_OR_RETURN(plan.limit(m), ParseLimit(*value, field));
  }
  return plan;
}

Status SavePlans(Database& db, const std::vector<Plan>& plans) {
  ET_ASSIGN_OR_RETURN(Statement upsert, db.Prepare(
      "INSERT INTO plans (id, definition) VALUES (?1, ?2) "
      "ON CONFLICT (id) DO UPDATE SET definition = excluded.definition"));
  for (const Plan& plan : plans) {
    upsert.Bind(1, plan.id).Bind(2, plan.ToJson().dump());
    ET_RETURN_IF_ERROR(upsert.Run());
  }
  return Status::Ok();
}

Status CheckPlanId(const PlanCatalogue& plans, const std::string& plan) {
  if (plans.Find(plan)) return Status::Ok();
  nlohmann::json known = nlohmann::json::array();
  for (const Plan& p : plans.plans()) known.push_back(p.id);
  return Status(ErrorCode::UnknownPlan, "unknown plan '" + plan + "'",
                {{"field", "plan"}, {"rule", "plan"}, {"plan", plan}, {"allowed", known}});
}

Result<nlohmann::json> CheckOverrides(const nlohmann::json& overrides) {
  if (!overrides.is_object()) {
    return InvalidField("overrides", "object", "overrides must be an object of metric limits");
  }
  for (const auto& [key, value] : overrides.items()) {
    ET_RETURN_IF_ERROR(ParseMetric(key, "overrides").status());
    ET_RETURN_IF_ERROR(ParseLimit(value, "overrides." + key).status());
  }
  return overrides;
}

Plan ApplyOverrides(Plan plan, const nlohmann::json& overrides) {
  if (!overrides.is_object()) return plan;
  for (const auto& [key, value] : overrides.items()) {
    Result<Metric> metric = ParseMetric(key);
    Result<Limit> limit = ParseLimit(value, key);
    if (metric.ok() && limit.ok()) plan.limit(metric.value()) = limit.value();
  }
  return plan;
}

}  // namespace edgetally
