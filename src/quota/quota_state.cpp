// QuotaState: status rules.
#include "quota/quota_state.h"

#include <cmath>

namespace edgetally {

std::string_view QuotaLevelName(QuotaLevel level) {
  switch (level) {
    case QuotaLevel::Ok: return "ok";
    case QuotaLevel::Warning: return "warning";
    case QuotaLevel::Exceeded: return "exceeded";
  }
  return "ok";
}

std::optional<int64_t> QuotaState::remaining() const {
  if (limit.unlimited) return std::nullopt;
  return current >= limit.value ? 0 : limit.value - current;
}

bool QuotaState::Allows(int64_t amount) const {
  if (limit.unlimited) return true;
  return amount <= *remaining();
}

void QuotaState::WriteJson(JsonWriter& out) const {
  out.BeginObject().Key("current").Int(current).Key("limit");
  limit.unlimited ? out.Null() : out.Int(limit.value);
  out.Key("unlimited").Bool(limit.unlimited).Key("percentUsed").Double(percent_used).Key("remaining");
  std::optional<int64_t> left = remaining();
  left ? out.Int(*left) : out.Null();
  out.Key("status").String(QuotaLevelName(level));
  for (const char* key : {"periodStart", "periodEnd", "nextResetAt"}) {
    out.Key(key);
    if (!period) out.Null();
    else out.Int(key[6] == 'S' ? period->start : period->end);  // periodStart vs the two ends
  }
  out.EndObject();
}

QuotaState EvaluateQuota(Metric metric, int64_t current, Limit limit, double warning_percent,
                         std::optional<PeriodBounds> period) {
  QuotaState state{metric, current, limit, 0, QuotaLevel::Ok, period};
  if (limit.unlimited) return state;
  if (limit.value == 0) {
    state.percent_used = 100;
  } else {
    state.percent_used = std::round(static_cast<double>(current) * 1000 / limit.value) / 10;
  }
  if (current > limit.value) {
    state.level = QuotaLevel::Exceeded;
  } else if (state.percent_used >= warning_percent) {
    state.level = QuotaLevel::Warning;
  }
  return state;
}

}  // namespace edgetally
