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
  for (const Entry& entry : entries_) {
    if (entry.op != op || entry.args != args || !entry.window.Contains(now)) continue;
    if (window) *window = entry.window;
    return &entry.answer;
  }
  return nullptr;
}

void AnswerCache::Store(const StoreState& state, std::string_view op, std::string_view args,
                        const TimeWindow& window, std::string answer) {
  Adopt(state);
  for (Entry& entry : entries_) {
    if (entry.op == op && entry.args == args) {
      entry.window = window;  // the clock moved out of the old window: the new answer replaces it
      entry.answer = std::move(answer);
      return;
    }
  }
  if (entries_.size() == kMaxEntries) entries_.erase(entries_.begin());  // the oldest goes
  entries_.push_back({op, std::string(args), window, std::move(answer)});
}

}  // namespace edgetally
