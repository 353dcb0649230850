// ArgScan: reading the argument object of a bulk operation from its JSON text in one pass. The
// bulk member (e.g. "things") is handed to a reader that consumes it from the scanner; every
// other member is small and is parsed into a JSON object for the usual typed reads (args.h).
// Members are checked against the operation's declaration (arg_spec.h) like every other call's:
// an unknown key is refused as soon as it is read, the rest once the scan ends.
#pragma once

#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/arg_spec.h"
#include "common/json_scanner.h"
#include "common/status.h"

namespace edgetally {

// Scans `args_json`. `read_bulk` is called at the value of member `bulk_key` and must consume
// it (returning a failed Status stops the scan). Other members go into `*rest` and are checked
// against `spec`. Errors: InvalidArgument for broken JSON (with line and column), for a
// non-object, for a member `spec` does not declare or breaks, or when the bulk member is missing.
Status ScanArgs(std::string_view args_json, const ArgSpec& spec, std::string_view bulk_key,
                const std::function<Status(JsonScanner&)>& read_bulk, nlohmann::json* rest);

// A call's argument object read the way the Engine reads it for JSON operations: parsed into
// a tree, then checked against `spec` (CheckArgsTree). A TextOperation whose scan meets a
// shape it does not take falls back to this, so every call answers as the tree path would.
// Errors: InvalidArgument "arguments are not valid JSON" (rule "json"), "<op> takes an object
// argument", or CheckArgs' own.
Result<nlohmann::json> ParseArgsTree(std::string_view op, const ArgSpec& spec, std::string_view args_json);
// ParseArgsTree's fast path for the small calls' text as JSON.stringify writes it: a flat object
// of plain-ASCII strings, integers up to 18 digits, booleans and nulls, read into the tree
// nlohmann::json::parse would build; false (and *out unspecified) for anything else, which
// ParseArgsTree then parses the full way. Exposed for its differential test.
bool ParseFlatArgs(std::string_view text, nlohmann::json* out);
Status CheckArgsTree(std::string_view op, const ArgSpec& spec, const nlohmann::json& args);
// "<op> takes an object argument".
Status ArgsNotAnObject(std::string_view op);

// The InvalidArgument status for a scanner that failed, naming where.
Status SyntaxError(const JsonScanner& scanner, std::string_view what);

}  // namespace edgetally
