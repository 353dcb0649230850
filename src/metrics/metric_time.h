// MetricTime: the time units the metric aggregates are bucketed by (UTC days and hours of
// integer ms), how long per-ms detail is kept, and the rounding the metric definitions use.
#pragma once

#include <cmath>
#include <cstdint>

namespace edgetally {

constexpr int64_t kHourMs = 3600000;
constexpr int64_t kDayMs = 24 * kHourMs;
// Detail tables (*_recent) keep this many days: the oldest window boundary is now - 60 days, so
// two days of margin let the clock step back by a day and stay exact.
constexpr int64_t kMetricDetailDays = 62;
// The per-target week index (event_rows_by_target_week, schema steps "event layout", "event rows") leads with ts / this: activity
// walks it one week at a time. The SQL that uses the index spells the number out (SQLite
// matches the indexed expression by its text), activity.cpp checks it against this constant.
constexpr int64_t kActivityBucketMs = 7 * kDayMs;
// Logged events are refused before 2000-01-01 and more than a day ahead of the engine clock.
constexpr int64_t kEarliestEventMs = 946684800000;

// Events have ts >= 2000, so plain division is the floor.
inline int64_t DayOf(int64_t ts) { return ts / kDayMs; }
inline int64_t HourOf(int64_t ts) { return ts / kHourMs; }

// Rounded to `decimals` places, halves away from zero (what the definitions mean by
// "2 decimals" / "4 decimals").
inline double RoundTo(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

}  // namespace edgetally
