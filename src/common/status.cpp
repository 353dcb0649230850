// Status: its out-of-line parts (a failed Status's message and details behind one pointer) and
// the code-name table generated from error_codes.def.
#include "common/status.h"

#include <variant>

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

void ThrowFailedResultAccess() { throw std::bad_variant_access(); }

struct Status::Rep {
  std::string message;
  nlohmann::json details;
};

Status::Status(ErrorCode code, std::string message, nlohmann::json details)
    : code_(code), rep_(new Rep{std::move(message), std::move(details)}) {}

Status::Status(const Status& other) : code_(other.code_), rep_(other.rep_ ? new Rep(*other.rep_) : nullptr) {}

Status& Status::operator=(const Status& other) {
  if (this != &other) *this = Status(other);
  return *this;
}

Status& Status::operator=(Status&& other) noexcept {
  if (this != &other) {
    if (rep_) Release();
    code_ = other.code_;
    rep_ = other.rep_;
    other.rep_ = nullptr;
  }
  return *this;
}

void Status::Release() {
  delete rep_;
  rep_ = nullptr;
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return rep_ ? rep_->message : kEmpty;
}

const nlohmann::json& Status::details() const {
  static const nlohmann::json kNull;
  return rep_ ? rep_->details : kNull;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(ErrorCodeName(code_)) + ": " + message();
}

}  // namespace edgetally
