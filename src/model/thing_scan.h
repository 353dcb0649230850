// ThingScan: reads things straight from JSON text with JsonScanner (no DOM): the fast path for
// batches. Applies exactly the rules of thing_rules.h; properties are kept as their raw text.
#pragma once

#include "common/json_scanner.h"
#include "model/thing_rules.h"
#include "model/things.h"

namespace edgetally {

// Reads one thing object at the scanner. A broken rule gives a RowError (the scanner is then
// past the object); broken JSON syntax leaves the scanner failed.
Result<NewThing> ScanThing(JsonScanner& scanner);

// Reads a JSON array of things at the scanner into `out`. Returns false only when the JSON
// syntax is broken (scanner.failed()); rule violations are collected in out->errors.
bool ScanThingArray(JsonScanner& scanner, CheckedThings* out);

}  // namespace edgetally
