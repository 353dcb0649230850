// Spelling: optimal string alignment distance over ASCII-lowered text.
#include "common/spelling.h"

#include <algorithm>
#include <cctype>

namespace edgetally {

namespace {

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b) {
  // Three rows of the dynamic-programming table: two back (for transpositions), previous, current.
  std::vector<size_t> two(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = Lower(a[i - 1]) == Lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && Lower(a[i - 1]) == Lower(b[j - 2]) && Lower(a[i - 2]) == Lower(b[j - 1])) {
        cur[j] = std::min(cur[j], two[j - 2] + 1);
      }
    }
    std::swap(two, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string ClosestName(std::string_view typed, const std::vector<std::string_view>& candidates) {
  size_t limit = typed.size() < 5 ? 1 : 2;
  size_t best = limit + 1;
  std::string_view choice;
  for (std::string_view candidate : candidates) {
    size_t d = EditDistance(typed, candidate);
    if (d < best && d < std::max(typed.size(), candidate.size())) {
      best = d;
      choice = candidate;
    }
  }
  return std::string(choice);
}

}  // namespace edgetally
