// JsonCanonical: tells whether a JSON text is already exactly what nlohmann's compact dump of
// its parse would write (keys sorted and unique, no whitespace, plain strings, integers), so a
// reader that must hand out the canonical form (a thing's stored properties, kept as the
// caller sent them) can skip the parse and the dump. Conservative: "false" only means "not
// sure"; the caller then canonicalizes the full way.
#pragma once

#include <string_view>

namespace edgetally {

// True when `text` equals nlohmann::json::parse(text).dump() byte for byte and holds only
// objects, arrays, printable-ASCII strings without escapes, integers of up to 18 digits,
// true, false and null, nested at most 64 deep.
bool IsCanonicalJson(std::string_view text);

}  // namespace edgetally
