// Spelling: the "did you mean" behind unknown-field errors. A misspelled field name (mdoe,
// perod, recordID, storgae) is matched against the names the caller could have meant, so the
// error names the likely one instead of leaving the caller to guess.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace edgetally {

// Edit distance between a and b, ignoring ASCII case, where swapping two neighbouring letters
// counts as one edit (optimal string alignment).
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `typed` if it is close enough to be a likely misspelling (at most
// one edit for names under 5 characters, two otherwise, and fewer edits than the name has
// letters); empty when none is. Ties go to the earlier candidate.
std::string ClosestName(std::string_view typed, const std::vector<std::string_view>& candidates);

}  // namespace edgetally
