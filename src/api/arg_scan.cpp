// ArgScan: top-level member dispatch over a JsonScanner.
#include "api/arg_scan.h"

#include "common/args.h"

namespace edgetally {

Status SyntaxError(const JsonScanner& scanner, std::string_view what) {
  return Status(ErrorCode::InvalidArgument,
                std::string(what) + " is not valid JSON: " + scanner.error() + " at line " +
                    std::to_string(scanner.line()) + ", column " + std::to_string(scanner.column()),
                {{"rule", "json"}, {"line", scanner.line()}, {"column", scanner.column()}});
}

Status ArgsNotAnObject(std::string_view op) {
  return Status(ErrorCode::InvalidArgument, std::string(op) + " takes an object argument");
}

Status CheckArgsTree(std::string_view op, const ArgSpec& spec, const nlohmann::json& args) {
  if (!args.is_object()) return ArgsNotAnObject(op);
  return CheckArgs(spec, args);
}

Result<nlohmann::json> ParseArgsTree(std::string_view op, const ArgSpec& spec, std::string_view args_json) {
  nlohmann::json args = nlohmann::json::parse(args_json, nullptr, /*allow_exceptions=*/false);
  if (args.is_discarded()) {
    return Status(ErrorCode::InvalidArgument, "arguments are not valid JSON", {{"rule", "json"}});
  }
  ET_RETURN_IF_ERROR(CheckArgsTree(op, spec, args));
  return args;
}

Status ScanArgs(std::string_view args_json, const ArgSpec& spec, std::string_view bulk_key,
                const std::function<Status(JsonScanner&)>& read_bulk, nlohmann::json* rest) {
  JsonScanner scanner(args_json);
  if (scanner.Peek() != JsonScanner::Kind::Object) {
    return Status(ErrorCode::InvalidArgument, "arguments must be a JSON object");
  }
  *rest = nlohmann::json::object();
  bool saw_bulk = false;
  std::string key;
  scanner.EnterObject();
  while (scanner.NextKey(&key)) {
    if (key == bulk_key) {
      saw_bulk = true;
      ET_RETURN_IF_ERROR(read_bulk(scanner));
      continue;
    }
    ET_RETURN_IF_ERROR(CheckKnownField(spec, key));
    std::string_view raw;
    if (!scanner.SkipValue(&raw)) break;
    (*rest)[key] = nlohmann::json::parse(raw, nullptr, /*allow_exceptions=*/false);
  }
  if (scanner.failed() || !scanner.AtEnd()) return SyntaxError(scanner, "arguments");
  if (!saw_bulk) {
    return InvalidField(bulk_key, "required", std::string(bulk_key) + " is required");
  }
  return CheckArgs(spec, *rest, bulk_key);
}

}  // namespace edgetally
