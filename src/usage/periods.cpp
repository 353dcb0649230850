// Periods: days-from-civil arithmetic (the well-known era-based algorithm) and period bounds.
#include "usage/periods.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace edgetally {

namespace {
constexpr int64_t kDayMs = 86400000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Start of the monthly period containing `ts` for an anchor day.
PeriodBounds MonthlyBounds(int64_t ts, int anchor_day) {
  int64_t year;
  int month, day;
  CivilFromDays(FloorDiv(ts, kDayMs), &year, &month, &day);
  int64_t start = ClampedDateMs(year, month, anchor_day);
  if (start > ts) {  // before this month's anchor: the period began last month
    if (--month == 0) month = 12, --year;
    start = ClampedDateMs(year, month, anchor_day);
  }
  int next_month = month == 12 ? 1 : month + 1;
  int64_t next_year = month == 12 ? year + 1 : year;
  return {start, ClampedDateMs(next_year, next_month, anchor_day)};
}

PeriodBounds AnnualBounds(int64_t ts, Anchor anchor) {
  int64_t year;
  int month, day;
  CivilFromDays(FloorDiv(ts, kDayMs), &year, &month, &day);
  int64_t start = ClampedDateMs(year, anchor.month, anchor.day);
  if (start > ts) start = ClampedDateMs(--year, anchor.month, anchor.day);
  return {start, ClampedDateMs(year + 1, anchor.month, anchor.day)};
}
}  // namespace

std::string_view PeriodName(Period period) {
  switch (period) {
    case Period::Daily: return "daily";
    case Period::Monthly: return "monthly";
    case Period::Annual: return "annual";
  }
  return "";
}

Result<Period> ParsePeriod(std::string_view name, std::string_view field) {
  for (Period p : {Period::Daily, Period::Monthly, Period::Annual}) {
    if (PeriodName(p) == name) return p;
  }
  return Status(ErrorCode::UnknownPeriod, "unknown period '" + std::string(name) + "'",
                {{"field", std::string(field)},
                 {"rule", "period"},
                 {"allowed", {"daily", "monthly", "annual"}}});
}

PeriodBounds BoundsAt(Period period, int64_t ts, Anchor anchor) {
  switch (period) {
    case Period::Daily: {
      int64_t start = FloorDiv(ts, kDayMs) * kDayMs;
      return {start, start + kDayMs};
    }
    case Period::Monthly: return MonthlyBounds(ts, anchor.day);
    case Period::Annual: return AnnualBounds(ts, anchor);
  }
  return {0, 0};
}

int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2;
  int64_t era = FloorDiv(year, 400);
  int64_t yoe = year - era * 400;
  int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  int64_t era = FloorDiv(days, 146097);
  int64_t doe = days - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2);
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

int64_t ClampedDateMs(int64_t year, int month, int day) {
  return DaysFromCivil(year, month, std::min(day, DaysInMonth(year, month))) * kDayMs;
}

}  // namespace edgetally
