// ArgScan: reading the argument object of a bulk operation from its JSON text in one pass. The
// bulk member (e.g. "things") is handed to a reader that consumes it from the scanner; every
// other member is small and is parsed into a JSON object for the usual typed reads (args.h).
#pragma once

#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/json_scanner.h"
#include "common/status.h"

namespace edgetally {

// Scans `args_json`. `read_bulk` is called at the value of member `bulk_key` and must consume
// it (returning a failed Status stops the scan). Other members go into `*rest`. Errors:
// InvalidArgument for broken JSON (with line and column), for a non-object, or when the bulk
// member is missing.
Status ScanArgs(std::string_view args_json, std::string_view bulk_key,
                const std::function<Status(JsonScanner&)>& read_bulk, nlohmann::json* rest);

// The InvalidArgument status for a scanner that failed, naming where.
Status SyntaxError(const JsonScanner& scanner, std::string_view what);

}  // namespace edgetally
