// EventScan: logEvents' rows read from their JSON text without a tree (the bulk path). An
// event of the common shape (known fields once each, strings without escapes, plain integer
// literals, metadata absent or an object) is read in place and checked with exactly the rules
// of CheckEventRow (event_input.h); every other row, and every row that breaks a rule, is
// parsed and handed to CheckEventRow itself, so both paths give the same event or the same
// error by construction.
#pragma once

#include <string_view>

#include "common/status.h"
#include "metrics/event_input.h"

namespace edgetally {

// The Status ReadEventRow returns when `raw` is text the JSON parser refuses (that the
// scanner let through): the caller then handles the whole call the way a parsed call is.
bool NeedsParsedCall(const Status& status);

// Checks one event given as its raw JSON text (one value, already validated by JsonScanner).
Result<LoggedEvent> ReadEventRow(std::string_view raw, int64_t now);

}  // namespace edgetally
