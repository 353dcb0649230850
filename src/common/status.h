// Status and Result<T>: how every core function reports failure. No exceptions cross a module
// boundary; a failed call returns a Status with a stable ErrorCode (from error_codes.def), a
// human message, and optional machine-readable details (a JSON object, e.g. {"row": 3,
// "field": "name", "rule": "max_length"}) that the JS edge turns into a typed error.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include <nlohmann/json.hpp>

namespace edgetally {

enum class ErrorCode {
#define X(name, str, doc) name,
#include "common/error_codes.def"
#undef X
};

// The stable string for a code ("INVALID_ARGUMENT"); the same string JS errors carry.
std::string_view ErrorCodeName(ErrorCode code);
// Every code in declaration order, as {code, description} pairs: the generator's input.
nlohmann::json ErrorCodeTable();

class Status {
 public:
  Status() = default;  // OK
  Status(ErrorCode code, std::string message, nlohmann::json details = nullptr)
      : code_(code), message_(std::move(message)), details_(std::move(details)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == ErrorCode::Ok; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const nlohmann::json& details() const { return details_; }

  // "CODE: message" for logs and test failures.
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::Ok;
  std::string message_;
  nlohmann::json details_;
};

// A value or a failed Status. Access value() only when ok().
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Status status) : state_(std::move(status)) { assert(!std::get<Status>(state_).ok()); }

  bool ok() const { return std::holds_alternative<T>(state_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(state_);
  }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace edgetally

// Early-return helpers: ET_RETURN_IF_ERROR(expr) for Status, ET_ASSIGN_OR_RETURN(lhs, expr)
// for Result<T>.
#define ET_CONCAT_INNER(a, b) a##b
#define ET_CONCAT(a, b) ET_CONCAT_INNER(a, b)
#define ET_RETURN_IF_ERROR(expr)            \
  do {                                      \
    ::edgetally::Status et_status_ = (expr); \
    if (!et_status_.ok()) return et_status_; \
  } while (0)
#define ET_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return tmp.status();            \
  lhs = std::move(tmp).value()
#define ET_ASSIGN_OR_RETURN(lhs, expr) \
  ET_ASSIGN_OR_RETURN_IMPL(ET_CONCAT(et_result_, __LINE__), lhs, expr)
