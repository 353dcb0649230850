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

// The small calls' argument text read without nlohmann's lexer: one object of members whose
// keys and string values are printable ASCII without escapes and whose other values are
// integers of up to 18 digits, true, false or null. It builds the tree nlohmann::json::parse
// builds (non-negative integers unsigned, the last of duplicate keys kept), or returns false at
// the first thing outside that shape (nested values, fractions, escapes, other text, spaces).
bool ParseFlatArgs(std::string_view text, nlohmann::json* out) {
  size_t i = 0, n = text.size();
  auto plain_run = [&](size_t from) {  // the end of a run of printable ASCII, no '"' or '\\'
    size_t at = from;
    while (at < n && text[at] >= 0x20 && text[at] < 0x7f && text[at] != '"' && text[at] != '\\') ++at;
    return at;
  };
  if (n < 2 || text[0] != '{') return false;
  *out = nlohmann::json::object();
  i = 1;
  if (text[i] == '}') return i + 1 == n;
  for (;;) {
    if (i >= n || text[i] != '"') return false;
    size_t key_end = plain_run(i + 1);
    if (key_end + 1 >= n || text[key_end] != '"' || text[key_end + 1] != ':') return false;
    nlohmann::json& value = (*out)[std::string(text.substr(i + 1, key_end - i - 1))];
    i = key_end + 2;
    if (i >= n) return false;
    char c = text[i];
    if (c == '"') {
      size_t end = plain_run(i + 1);
      if (end >= n || text[end] != '"') return false;
      value = std::string(text.substr(i + 1, end - i - 1));
      i = end + 1;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      bool negative = c == '-';
      size_t start = negative ? i + 1 : i, at = start;
      uint64_t magnitude = 0;
      while (at < n && text[at] >= '0' && text[at] <= '9') magnitude = magnitude * 10 + static_cast<uint64_t>(text[at++] - '0');
      size_t digits = at - start;
      if (digits == 0 || digits > 18 || (text[start] == '0' && digits > 1)) return false;
      if (at < n && (text[at] == '.' || text[at] == 'e' || text[at] == 'E')) return false;
      if (negative) value = -static_cast<int64_t>(magnitude);
      else value = magnitude;
      i = at;
    } else if (text.substr(i, 4) == "true") {
      value = true, i += 4;
    } else if (text.substr(i, 5) == "false") {
      value = false, i += 5;
    } else if (text.substr(i, 4) == "null") {
      value = nullptr, i += 4;
    } else {
      return false;
    }
    if (i >= n) return false;
    if (text[i] == '}') return i + 1 == n;
    if (text[i] != ',') return false;
    ++i;
  }
}

Result<nlohmann::json> ParseArgsTree(std::string_view op, const ArgSpec& spec, std::string_view args_json) {
  nlohmann::json args;
  if (!ParseFlatArgs(args_json, &args)) args = nlohmann::json::parse(args_json, nullptr, /*allow_exceptions=*/false);
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
