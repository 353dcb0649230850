// Cursor: opaque keyset cursors for paginated reads. A cursor names the last row a page
// returned (e.g. its (ts, id)), so the next page starts strictly after it: rows inserted while
// a caller pages never shift a page, and no row is repeated or skipped. Callers see a short
// token; only the call that made it can read it back ("cursor" errors otherwise).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace edgetally {

// `kind` tells the calls apart (a relationships cursor is refused by the activity call).
std::string EncodeCursor(char kind, const std::vector<int64_t>& keys);
// The keys, or InvalidArgument {field: "cursor", rule: "cursor"}; `count` keys are expected.
Result<std::vector<int64_t>> DecodeCursor(char kind, std::string_view cursor, size_t count);

}  // namespace edgetally
