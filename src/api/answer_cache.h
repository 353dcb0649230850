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
//
// One kind of commit keeps answers it cannot have changed: a usage write (recordUsage,
// enforceQuota, resetPeriodCounter) changes only the ledger, the outbox, the alert state and one
// group's totals of one metric. An answer whose operation declared what it read (AnswerReads:
// its group's row, config, clock and usage of some metrics; getGroupQuotas reads every metric,
// checkCanCreateEntities one) and that did not read that metric of that group is carried over
// such a commit (CarryAcross); so is a getGroupQuotas answer of that group, updated in place:
// it is kept with its states (quota/quota_service.h GroupQuotas), the write knows the level it
// left its bucket at, and the text is written again from the updated states when next asked,
// without a read. Every other answer is dropped, as before.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "quota/alerts.h"
#include "quota/metrics.h"
#include "quota/quota_service.h"

namespace edgetally {

// What a cached read's answer depends on besides the config and the clock, when its operation
// declares it: the group `group_id` (its row) and its usage of the metrics in `metrics` (bit i
// for Metric i). An empty group_id declares nothing: the answer depends on the whole store.
struct AnswerReads {
  std::string group_id;
  uint32_t metrics = 0;
  std::optional<GroupQuotas> quotas;  // a getGroupQuotas answer's states, to update in place
  static uint32_t Bit(Metric metric) { return uint32_t{1} << static_cast<unsigned>(metric); }
};

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
  // Keeps `answer` of `op` on `args`, computed on `state`, valid for clock readings in `window`,
  // having read `reads`.
  void Store(const StoreState& state, std::string_view op, std::string_view args, const TimeWindow& window,
             std::string answer, const AnswerReads& reads = {});
  // The store went from `before` to `after` by one commit of a usage write that changed only
  // group `group_id`'s usage of `metric` (see above), to `known` when the write knows it: the
  // answers kept on `before` that declared reads not including it are kept on `after`, those
  // with states that `known` updates are updated, the others dropped. Answers kept on another
  // state are all dropped.
  void CarryAcross(const StoreState& before, const StoreState& after, std::string_view group_id, Metric metric,
                   const std::optional<KnownUsage>& known);

 private:
  struct Entry {
    std::string_view op;  // an Operation's name: static storage
    std::string args;
    TimeWindow window;
    std::string answer;
    AnswerReads reads;
    bool rewrite = false;  // reads.quotas changed since `answer` was written
  };
  static constexpr size_t kMaxEntries = 32;  // a dashboard's groups times its few quota reads

  void Adopt(const StoreState& state);

  StoreState state_;
  std::vector<Entry> entries_;
};

}  // namespace edgetally
