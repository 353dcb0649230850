// AnswerCache: a small list searched in order; any change of the store empties it.
#include "api/answer_cache.h"

#include <utility>

namespace edgetally {

void AnswerCache::Adopt(const StoreState& state) {
  if (state == state_) return;
  entries_.clear();
  state_ = state;
}

const std::string* AnswerCache::Find(const StoreState& state, std::string_view op, std::string_view args,
                                     int64_t now, TimeWindow* window) {
  Adopt(state);
  for (Entry& entry : entries_) {
    if (entry.op != op || entry.args != args || !entry.window.Contains(now)) continue;
    if (window) *window = entry.window;
    if (entry.rewrite) entry.answer = GroupQuotasText(*entry.reads.quotas);
    entry.rewrite = false;
    return &entry.answer;
  }
  return nullptr;
}

void AnswerCache::Store(const StoreState& state, std::string_view op, std::string_view args,
                        const TimeWindow& window, std::string answer, const AnswerReads& reads) {
  Adopt(state);
  for (Entry& entry : entries_) {
    if (entry.op == op && entry.args == args) {
      entry.window = window;  // the clock moved out of the old window: the new answer replaces it
      entry.answer = std::move(answer);
      entry.reads = reads;
      entry.rewrite = false;
      return;
    }
  }
  if (entries_.size() == kMaxEntries) entries_.erase(entries_.begin());  // the oldest goes
  entries_.push_back({op, std::string(args), window, std::move(answer), reads, false});
}

void AnswerCache::CarryAcross(const StoreState& before, const StoreState& after, std::string_view group_id,
                              Metric metric, const std::optional<KnownUsage>& known) {
  if (state_ != before) entries_.clear();
  std::erase_if(entries_, [&](Entry& entry) {
    AnswerReads& reads = entry.reads;
    if (reads.group_id.empty()) return true;
    if (reads.group_id != group_id || (reads.metrics & AnswerReads::Bit(metric)) == 0) return false;
    bool updated = reads.quotas && known && known->metric == metric &&
                   ApplyUsage(*reads.quotas, metric, known->bucket, known->level);
    entry.rewrite = entry.rewrite || updated;
    return !updated;
  });
  state_ = after;
}

}  // namespace edgetally
