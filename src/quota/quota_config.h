// QuotaConfig: what quota checks read on every call and what rarely changes: the plan catalogue
// and the warning threshold of each metric (percent, default 80). The Engine keeps one loaded
// and reloads it after definePlans or setWarningThresholds.
#pragma once

#include <array>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "quota/metrics.h"
#include "quota/plan_catalogue.h"

namespace edgetally {

class Database;

constexpr double kDefaultWarningPercent = 80;

struct QuotaConfig {
  PlanCatalogue catalogue;
  std::array<double, kAllMetrics.size()> warning_percent;

  double WarningPercent(Metric m) const { return warning_percent[static_cast<size_t>(m)]; }
  static Result<QuotaConfig> Load(Database& db);
};

// Stores thresholds {<metric>: percent in (0, 100]} (merged over the stored ones).
Status SaveWarningThresholds(Database& db, const nlohmann::json& thresholds);

}  // namespace edgetally
