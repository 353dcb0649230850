// Args: typed reads of JSON arguments.
#include "common/args.h"

#include <cmath>

namespace edgetally {

Status InvalidField(std::string_view field, std::string_view rule, std::string message) {
  return Status(ErrorCode::InvalidArgument, std::move(message),
                {{"field", std::string(field)}, {"rule", std::string(rule)}});
}

Status RequireObject(const Json& args, std::string_view what) {
  if (args.is_object()) return Status::Ok();
  return InvalidField(what, "object", std::string(what) + " must be an object");
}

Result<std::optional<std::string>> OptionalString(const Json& args, std::string_view field) {
  auto it = args.find(field);
  if (it == args.end() || it->is_null()) return std::optional<std::string>();
  if (!it->is_string()) {
    return InvalidField(field, "string", std::string(field) + " must be a string");
  }
  return std::optional<std::string>(it->get<std::string>());
}

Result<std::string> RequireString(const Json& args, std::string_view field) {
  ET_ASSIGN_OR_RETURN(std::optional<std::string> value, OptionalString(args, field));
  if (!value || value->empty()) {
    return InvalidField(field, "required", std::string(field) + " must be a non-empty string");
  }
  return *value;
}

Result<int64_t> RequireInt(const Json& args, std::string_view field, int64_t min, int64_t max) {
  // The error statuses are built only on failure: this runs on every integer argument.
  auto not_integer = [&] { return InvalidField(field, "integer", std::string(field) + " must be an integer"); };
  auto out_of_range = [&] {
    return InvalidField(field, "range", std::string(field) + " must be between " + std::to_string(min) +
                                            " and " + std::to_string(max));
  };
  auto it = args.find(field);
  if (it == args.end() || !it->is_number()) return not_integer();
  if (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    return out_of_range();
  }
  int64_t value = 0;
  if (it->is_number_float()) {
    double d = it->get<double>();
    if (!std::isfinite(d) || d != std::floor(d)) return not_integer();
    if (d < -9.2e18 || d > 9.2e18) return out_of_range();
    value = static_cast<int64_t>(d);
  } else {
    value = it->get<int64_t>();
  }
  if (value < min || value > max) return out_of_range();
  return value;
}

}  // namespace edgetally
