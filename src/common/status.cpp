// Status: the code-name table generated from error_codes.def.
#include "common/status.h"

namespace edgetally {

namespace {
struct CodeInfo {
  std::string_view name;
  std::string_view doc;
};
constexpr CodeInfo kCodes[] = {
#define X(name, str, doc) {str, doc},
#include "common/error_codes.def"
#undef X
};
}  // namespace

std::string_view ErrorCodeName(ErrorCode code) { return kCodes[static_cast<int>(code)].name; }

nlohmann::json ErrorCodeTable() {
  nlohmann::json table = nlohmann::json::array();
  for (const CodeInfo& info : kCodes) {
    table.push_back({{"code", info.name}, {"description", info.doc}});
  }
  return table;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(ErrorCodeName(code_)) + ": " + message_;
}

}  // namespace edgetally
