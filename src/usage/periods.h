// Periods: the calendar arithmetic of usage periods, in UTC, on integer milliseconds.
// A period is [start, end): an instant exactly at `end` belongs to the next period.
//   daily:   UTC days.
//   monthly: calendar months, or anchored on a day of the month (1-31): the period starts on
//            that day, clamped to the month's last day (anchor 31: Jan 31, Feb 28/29, Mar 31).
//   annual:  calendar years, or anchored on a month and day (same clamping for Feb 29).
// Each bound is computed from the anchor, never from the previous period, so periods never
// drift however many follow each other.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace edgetally {

enum class Period { Daily, Monthly, Annual };

struct Anchor {
  int day = 1;    // 1..31, for monthly and annual
  int month = 1;  // 1..12, for annual
};

struct PeriodBounds {
  int64_t start;  // inclusive, ms UTC
  int64_t end;    // exclusive, ms UTC
};

std::string_view PeriodName(Period period);
// UnknownPeriod (details {field, allowed}) for anything but daily/monthly/annual.
Result<Period> ParsePeriod(std::string_view name, std::string_view field = "period");
// The period containing instant `ts`.
PeriodBounds BoundsAt(Period period, int64_t ts, Anchor anchor = {});

// Civil calendar helpers (proleptic Gregorian, UTC).
int64_t DaysFromCivil(int64_t year, int month, int day);
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day);
int DaysInMonth(int64_t year, int month);
// Milliseconds at 00:00 UTC of year-month-day, with day clamped to the month's length.
int64_t ClampedDateMs(int64_t year, int month, int day);

}  // namespace edgetally
