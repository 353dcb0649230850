// AnswerCache: the answers of the quota reads a dashboard repeats (getGroupQuotas,
// checkCanCreateEntities, ...), kept as the JSON text the engine sent, so a repeated call with
// the same arguments on an unchanged store costs a lookup instead of a JSON parse, argument
// checks, a config snapshot, a group read and the usage reads.
//
// Exactness: an answer is a function of (operation, argument text, the committed store, the
// config, the clock). The key holds each: the operation's name and its argument text byte for
// byte; the store's commit count (Database::Commits, counted by SQLite's commit hook, so every
// write that commits moves it: usage, things, plans, server totals, rules, sync, archival,
// whatever module made it); the config generation; and the clock as the TimeWindow the
// operation narrowed while it ran (the quota period, the retention age in days). The engine
// consults it only for operations declared `cached` (api/operations.h), never while a
// transaction is open, never on a damaged store, and stores only successful answers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"

namespace edgetally {

// The store's state an answer was computed on.
struct StoreState {
  uint64_t commits = 0;
  uint64_t config_generation = 0;
  bool operator==(const StoreState&) const = default;
};

class AnswerCache {
 public:
  // The answer of `op` on `args` computed on `state` at a clock reading inside its window
  // that holds at `now` (copied to `window` when given), or nullptr. A different state empties
  // the cache first.
  const std::string* Find(const StoreState& state, std::string_view op, std::string_view args, int64_t now,
                          TimeWindow* window = nullptr);
  // Keeps `answer` of `op` on `args`, computed on `state`, valid for clock readings in `window`.
  void Store(const StoreState& state, std::string_view op, std::string_view args, const TimeWindow& window,
             std::string answer);

 private:
  struct Entry {
    std::string_view op;  // an Operation's name: static storage
    std::string args;
    TimeWindow window;
    std::string answer;
  };
  static constexpr size_t kMaxEntries = 32;  // a dashboard's groups times its few quota reads

  void Adopt(const StoreState& state);

  StoreState state_;
  std::vector<Entry> entries_;
};

}  // namespace edgetally
