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
  auto it = args.find(field);
  if (it == args.end()) return InvalidField(field, "integer", std::string(field) + " must be an integer");
  return IntegerValue(*it, field, min, max);
}

Result<int64_t> IntegerValue(const Json& value, std::string_view field, int64_t min, int64_t max) {
  // The error statuses are built only on failure: this runs on every integer argument.
  auto not_integer = [&] { return InvalidField(field, "integer", std::string(field) + " must be an integer"); };
  auto out_of_range = [&] {
    return InvalidField(field, "range", std::string(field) + " must be between " + std::to_string(min) +
                                            " and " + std::to_string(max));
  };
  if (!value.is_number()) return not_integer();
  if (value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    return out_of_range();
  }
  int64_t number = 0;
  if (value.is_number_float()) {
    double d = value.get<double>();
    if (!std::isfinite(d) || d != std::floor(d)) return not_integer();
    if (d < -9.2e18 || d > 9.2e18) return out_of_range();
    number = static_cast<int64_t>(d);
  } else {
    number = value.get<int64_t>();
  }
  if (number < min || number > max) return out_of_range();
  return number;
}

}  // namespace edgetally
