// Text rules shared by every entity: trimming and length limits on names and ids.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace edgetally {

constexpr size_t kMaxNameLength = 256;  // characters (UTF-8 code points) after trimming
constexpr size_t kMaxIdLength = 128;

// Removes leading and trailing ASCII white space.
std::string Trim(std::string_view text);
// Number of UTF-8 code points (the string is assumed valid UTF-8; the JSON parser checks it).
size_t Utf8Length(std::string_view text);
// Trims `raw` and checks 1..kMaxNameLength code points; the error names `field`.
Result<std::string> CleanName(std::string_view raw, std::string_view field);
// Checks an id: 1..kMaxIdLength of [A-Za-z0-9_.:-].
Status CheckId(std::string_view id, std::string_view field);

}  // namespace edgetally
