// QuotaState: where one metric of one group stands against its limit, and the pure rules that
// decide it. Unlimited never blocks and never divides; a limit of 0 is full from the start.
//   exceeded: current > limit        warning: percentUsed >= the metric's warning threshold
//   percentUsed: current / limit in percent (one decimal); 100 for a limit of 0; 0 unlimited.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "common/json_writer.h"
#include "quota/metrics.h"
#include "quota/plan_catalogue.h"
#include "usage/periods.h"

namespace edgetally {

enum class QuotaLevel { Ok = 0, Warning = 1, Exceeded = 2 };

std::string_view QuotaLevelName(QuotaLevel level);  // "ok", "warning", "exceeded"

struct QuotaState {
  Metric metric = Metric::Users;
  int64_t current = 0;
  Limit limit;
  double percent_used = 0;
  QuotaLevel level = QuotaLevel::Ok;
  std::optional<PeriodBounds> period;  // counters only

  // limit - current, at least 0; nullopt when unlimited.
  std::optional<int64_t> remaining() const;
  // True when `amount` more fits under the limit.
  bool Allows(int64_t amount) const;
  // Writes {current, limit, unlimited, percentUsed, remaining, status, periodStart, periodEnd,
  // nextResetAt} (limit/remaining/period fields null where they do not apply).
  void WriteJson(JsonWriter& out) const;
};

QuotaState EvaluateQuota(Metric metric, int64_t current, Limit limit, double warning_percent,
                         std::optional<PeriodBounds> period);

}  // namespace edgetally
