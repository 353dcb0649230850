// Clock: the current time in integer milliseconds UTC, the one time unit of the store.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace edgetally {

inline int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The clock readings [from, until) over which an answer computed at one of them is the same
// for all of them: the time part of the answer cache's key (api/answer_cache.h). Code that
// derives something from the clock (a period's bounds, an age in days) narrows it to the span
// within which what it derived stays the same.
struct TimeWindow {
  int64_t from = INT64_MIN;
  int64_t until = INT64_MAX;
  void Narrow(int64_t lo, int64_t hi) {
    from = std::max(from, lo);
    until = std::min(until, hi);
  }
  bool Contains(int64_t t) const { return t >= from && t < until; }
};

}  // namespace edgetally
