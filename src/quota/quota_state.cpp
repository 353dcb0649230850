// QuotaState: status rules.
#include "quota/quota_state.h"

#include <algorithm>
#include <charconv>
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

// The object is put together in a local buffer and appended in one piece (a JsonWriter call per
// key and value cost ~3K instructions per state, the most of a rewritten getGroupQuotas answer).
// The text is what the JsonWriter calls wrote: the same keys in the same order, the numbers as
// its Int and Double write them, the status names plain ASCII.
void QuotaState::WriteJson(JsonWriter& out) const {
  char buffer[384];  // the literals (~130 bytes) and at most six integers of 20 digits and a double
  char* end = buffer;
  auto text = [&end](std::string_view piece) { end = std::copy(piece.begin(), piece.end(), end); };
  auto integer = [&](int64_t value) { end = std::to_chars(end, buffer + sizeof buffer, value).ptr; };
  text("{\"current\":");
  integer(current);
  text(",\"limit\":");
  limit.unlimited ? text("null") : integer(limit.value);
  text(limit.unlimited ? ",\"unlimited\":true,\"percentUsed\":" : ",\"unlimited\":false,\"percentUsed\":");
  JsonWriter percent;  // a few characters: the string's own buffer, no allocation
  percent.Double(percent_used);
  text(percent.text());
  text(",\"remaining\":");
  std::optional<int64_t> left = remaining();
  left ? integer(*left) : text("null");
  text(",\"status\":\"");
  text(QuotaLevelName(level));
  text("\",\"periodStart\":");
  period ? integer(period->start) : text("null");
  text(",\"periodEnd\":");
  period ? integer(period->end) : text("null");
  text(",\"nextResetAt\":");
  period ? integer(period->end) : text("null");
  text("}");
  out.Raw(std::string_view(buffer, static_cast<size_t>(end - buffer)));
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
