// JsonText: writing JSON text by hand on hot paths (building a thing's properties from CSV
// cells without a JSON tree): string escaping and number-literal checks.
#pragma once

#include <string>
#include <string_view>

namespace edgetally {

// Appends `text` (valid UTF-8) as a JSON string literal, quotes included.
void AppendJsonString(std::string* out, std::string_view text);
// True when `text` is exactly a JSON number literal (e.g. "-12.5e3"; not "+1", ".5", "1.").
bool IsJsonNumber(std::string_view text);
// True when `text` is a JSON number literal without fraction or exponent that fits in int64.
bool IsJsonInteger(std::string_view text);

}  // namespace edgetally
