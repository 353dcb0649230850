// Periods: calendar bounds in UTC, anchors with month-end clamping, no drift.
#include <catch2/catch.hpp>

#include "usage/periods.h"

using namespace edgetally;

namespace {
constexpr int64_t kDay = 86400000;
int64_t Date(int64_t y, int m, int d) { return DaysFromCivil(y, m, d) * kDay; }
}  // namespace

TEST_CASE("civil date conversion round-trips and knows leap years", "[periods]") {
  CHECK(DaysFromCivil(1970, 1, 1) == 0);
  CHECK(DaysFromCivil(2000, 3, 1) - DaysFromCivil(2000, 2, 28) == 2);  // 2000 is leap
  CHECK(DaysFromCivil(1900, 3, 1) - DaysFromCivil(1900, 2, 28) == 1);  // 1900 is not
  for (int64_t days = -800000; days < 800000; days += 997) {
    int64_t y;
    int m, d;
    CivilFromDays(days, &y, &m, &d);
    REQUIRE(DaysFromCivil(y, m, d) == days);
  }
  CHECK(DaysInMonth(2024, 2) == 29);
  CHECK(DaysInMonth(2026, 2) == 28);
}

TEST_CASE("an instant exactly at periodEnd belongs to the next period", "[periods]") {
  for (Period p : {Period::Daily, Period::Monthly, Period::Annual}) {
    PeriodBounds first = BoundsAt(p, Date(2026, 3, 15) + 1234);
    PeriodBounds next = BoundsAt(p, first.end);
    CHECK(next.start == first.end);
    CHECK(BoundsAt(p, first.end - 1).start == first.start);
  }
  CHECK(BoundsAt(Period::Daily, Date(2026, 3, 15) + 5).start == Date(2026, 3, 15));
  CHECK(BoundsAt(Period::Monthly, Date(2026, 3, 15)).end == Date(2026, 4, 1));
}

TEST_CASE("December rolls over into January of the next year", "[periods]") {
  PeriodBounds dec = BoundsAt(Period::Monthly, Date(2026, 12, 31) + kDay - 1);
  CHECK(dec.start == Date(2026, 12, 1));
  CHECK(dec.end == Date(2027, 1, 1));
  PeriodBounds year = BoundsAt(Period::Annual, Date(2026, 12, 31));
  CHECK(year.start == Date(2026, 1, 1));
  CHECK(year.end == Date(2027, 1, 1));
  CHECK(BoundsAt(Period::Monthly, Date(2027, 1, 10), {15}).start == Date(2026, 12, 15));
}

TEST_CASE("anchors 29, 30 and 31 clamp to short months and come back", "[periods]") {
  // anchor 31: Jan 31 -> Feb 28 (non-leap) -> Mar 31
  CHECK(BoundsAt(Period::Monthly, Date(2026, 2, 10), {31}).start == Date(2026, 1, 31));
  CHECK(BoundsAt(Period::Monthly, Date(2026, 2, 10), {31}).end == Date(2026, 2, 28));
  CHECK(BoundsAt(Period::Monthly, Date(2026, 3, 1), {31}).end == Date(2026, 3, 31));
  // leap year: Feb 29
  CHECK(BoundsAt(Period::Monthly, Date(2028, 3, 1), {31}).start == Date(2028, 2, 29));
  CHECK(BoundsAt(Period::Monthly, Date(2028, 3, 1), {30}).start == Date(2028, 2, 29));
  CHECK(BoundsAt(Period::Monthly, Date(2028, 3, 1), {29}).start == Date(2028, 2, 29));
  CHECK(BoundsAt(Period::Monthly, Date(2026, 3, 1), {29}).start == Date(2026, 2, 28));
  CHECK(BoundsAt(Period::Monthly, Date(2026, 3, 29), {29}).start == Date(2026, 3, 29));
  CHECK(BoundsAt(Period::Monthly, Date(2026, 4, 30), {31}).start == Date(2026, 4, 30));
  // annual anchored on Feb 29 clamps in non-leap years
  CHECK(BoundsAt(Period::Annual, Date(2027, 6, 1), {29, 2}).start == Date(2027, 2, 28));
  CHECK(BoundsAt(Period::Annual, Date(2028, 6, 1), {29, 2}).start == Date(2028, 2, 29));
}

TEST_CASE("24 consecutive monthly periods chain without gaps or drift", "[periods]") {
  for (int anchor : {1, 15, 28, 29, 30, 31}) {
    INFO("anchor " << anchor);
    int64_t start = BoundsAt(Period::Monthly, Date(2027, 1, 20), {anchor}).start;
    for (int i = 0; i < 24; ++i) {
      PeriodBounds p = BoundsAt(Period::Monthly, start, {anchor});
      REQUIRE(p.start == start);
      int64_t y;
      int m, d;
      CivilFromDays(p.start / kDay, &y, &m, &d);
      CHECK(d == std::min(anchor, DaysInMonth(y, m)));  // always back on the anchor
      start = p.end;
    }
  }
}

TEST_CASE("unknown periods are refused with the allowed list", "[periods][bad-input]") {
  auto p = ParsePeriod("weekly");
  REQUIRE_FALSE(p.ok());
  CHECK(p.status().code() == ErrorCode::UnknownPeriod);
  CHECK(p.status().details()["allowed"].size() == 3);
  CHECK(ParsePeriod("monthly").value() == Period::Monthly);
}
