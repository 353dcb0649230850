// QuotaConfig: catalogue + thresholds, thresholds kept in meta as JSON.
#include "quota/quota_config.h"

#include <cmath>

#include "common/args.h"
#include "store/database.h"
#include "store/meta.h"

namespace edgetally {

namespace {

constexpr const char* kThresholdsKey = "warning_thresholds";

Result<nlohmann::json> ReadThresholds(Database& db) {
  ET_ASSIGN_OR_RETURN(std::optional<std::string> stored, ReadMeta(db, kThresholdsKey));
  if (!stored) return nlohmann::json::object();
  return nlohmann::json::parse(*stored, nullptr, false);
}

}  // namespace

Result<QuotaConfig> QuotaConfig::Load(Database& db) {
  ET_ASSIGN_OR_RETURN(PlanCatalogue catalogue, PlanCatalogue::Load(db));
  QuotaConfig config{std::move(catalogue), {}};
  config.warning_percent.fill(kDefaultWarningPercent);
  ET_ASSIGN_OR_RETURN(nlohmann::json stored, ReadThresholds(db));
  if (!stored.is_object()) return config;
  for (const auto& [key, value] : stored.items()) {
    Result<Metric> metric = ParseMetric(key);
    if (metric.ok() && value.is_number()) {
      config.warning_percent[static_cast<size_t>(metric.value())] = value.get<double>();
    }
  }
  return config;
}

Status SaveWarningThresholds(Database& db, const nlohmann::json& thresholds) {
  ET_RETURN_IF_ERROR(RequireObject(thresholds, "thresholds"));
  ET_ASSIGN_OR_RETURN(nlohmann::json merged, ReadThresholds(db));
  if (!merged.is_object()) merged = nlohmann::json::object();
  for (const auto& [key, value] : thresholds.items()) {
    ET_RETURN_IF_ERROR(ParseMetric(key, "thresholds").status());
    double percent = value.is_number() ? value.get<double>() : NAN;
    if (!(percent > 0 && percent <= 100)) {
      return InvalidField("thresholds." + key, "range",
                          "thresholds." + key + " must be a percentage in (0, 100]");
    }
    merged[key] = percent;
  }
  return WriteMeta(db, kThresholdsKey, merged.dump());
}

}  // namespace edgetally
