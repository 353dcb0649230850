// Clock: the current time in integer milliseconds UTC, the one time unit of the store.
#pragma once

#include <chrono>
#include <cstdint>

namespace edgetally {

inline int64_t NowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace edgetally
