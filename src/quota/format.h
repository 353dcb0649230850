// Format: the human text of quota messages: counts with thousands separators, byte sizes,
// prices, and a metric's amount in its unit ("1,000 entities", "1.5 GB", "$49.00").
#pragma once

#include <cstdint>
#include <string>

#include "quota/metrics.h"
#include "quota/plan_catalogue.h"

namespace edgetally {

std::string FormatCount(int64_t n);        // 12345 -> "12,345"
std::string FormatBytes(int64_t bytes);    // 1536 -> "1.5 KB" (binary units)
std::string FormatMoney(int64_t cents);    // 4900 -> "$49.00"
// An amount of a metric in its unit: "1,000 entities", "2 GB", "30 days".
std::string FormatAmount(Metric metric, int64_t amount);
// A limit: "unlimited entities" or FormatAmount.
std::string FormatLimit(Metric metric, const Limit& limit);

}  // namespace edgetally
