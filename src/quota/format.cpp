// Format: quota message text.
#include "quota/format.h"

#include <cstdio>

namespace edgetally {

namespace {
std::string_view UnitOf(Metric metric) {
  switch (metric) {
    case Metric::Users: return "users";
    case Metric::StorageBytes: return "";
    case Metric::ApiCallsPerMonth: return "API calls per month";
    case Metric::EntitiesTotal: return "entities";
    case Metric::ConnectionsTotal: return "connections";
    case Metric::EventsRetentionDays: return "days of event retention";
  }
  return "";
}
}  // namespace

std::string FormatCount(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

std::string FormatBytes(int64_t bytes) {
  const char* units[] = {"bytes", "KB", "MB", "GB", "TB", "PB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 5) value /= 1024, ++unit;
  if (unit == 0) return FormatCount(bytes) + " bytes";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, value == static_cast<int64_t>(value) ? "%.0f %s" : "%.1f %s",
                value, units[unit]);
  return buffer;
}

std::string FormatMoney(int64_t cents) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, ".%02d", static_cast<int>(cents % 100));
  return "$" + FormatCount(cents / 100) + buffer;
}

std::string FormatAmount(Metric metric, int64_t amount) {
  if (metric == Metric::StorageBytes) return FormatBytes(amount);
  return FormatCount(amount) + " " + std::string(UnitOf(metric));
}

std::string FormatLimit(Metric metric, const Limit& limit) {
  if (!limit.unlimited) return FormatAmount(metric, limit.value);
  return metric == Metric::StorageBytes ? "unlimited storage" : "unlimited " + std::string(UnitOf(metric));
}

}  // namespace edgetally
