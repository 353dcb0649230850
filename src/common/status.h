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
  Status(ErrorCode code, std::string message, nlohmann::json details = nullptr);

  // A failed Status keeps its message and details behind one pointer, null for OK: an OK
  // Status (every ET_RETURN_IF_ERROR on the success path) is two words that move and die
  // without touching a string or a JSON tree, and copies and destruction of a failed one are
  // out of line (status.cpp). Inlined member-wise, they were a large share of the wasm module's
  // code (issue 8). A moved-from Status keeps its code, with an empty message and null details.
  Status(const Status& other);
  Status(Status&& other) noexcept : code_(other.code_), rep_(other.rep_) { other.rep_ = nullptr; }
  Status& operator=(const Status& other);
  Status& operator=(Status&& other) noexcept;
  ~Status() {
    if (rep_) Release();
  }

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == ErrorCode::Ok; }
  ErrorCode code() const { return code_; }
  const std::string& message() const;
  const nlohmann::json& details() const;

  // "CODE: message" for logs and test failures.
  std::string ToString() const;

 private:
  struct Rep;
  void Release();

  ErrorCode code_ = ErrorCode::Ok;
  Rep* rep_ = nullptr;
};

// Thrown by value() on a failed Result (a bug; the Engine turns it into INTERNAL), as
// std::get on the variant Result used to: std::bad_variant_access.
[[noreturn]] void ThrowFailedResultAccess();

// A value or a failed Status. Access value() only when ok(). (An optional beside a Status
// rather than a variant: no alternative-index dispatch inlined at every use; ok() is still
// "holds a value".)
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }  // OK when ok()
  T& value() & { return Checked(), *value_; }
  const T& value() const& { return Checked(), *value_; }
  T&& value() && { return Checked(), std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  void Checked() const {
    if (!value_) ThrowFailedResultAccess();
  }

  std::optional<T> value_;
  Status status_;
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
