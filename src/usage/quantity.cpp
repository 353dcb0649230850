// Quantity: bound checks with the typed errors.
#include "usage/quantity.h"

#include <string>

namespace edgetally {

namespace {
bool InBounds(int64_t v) { return v >= -kMaxQuantity && v <= kMaxQuantity; }
}  // namespace

Status CheckQuantity(int64_t amount, std::string_view field) {
  if (InBounds(amount)) return Status::Ok();
  return Status(ErrorCode::InvalidArgument,
                std::string(field) + " must be at most " + std::to_string(kMaxQuantity) + " in size (2^53 - 1)",
                {{"field", std::string(field)}, {"rule", "max_quantity"}, {"max", kMaxQuantity}});
}

Result<int64_t> AddQuantity(int64_t total, int64_t amount, std::string_view field, std::string_view what) {
  ET_RETURN_IF_ERROR(CheckQuantity(amount, field));
  // Both operands within 2^53: the sum cannot overflow int64, only leave the bound.
  int64_t sum = InBounds(total) ? total + amount : total;
  if (InBounds(total) && InBounds(sum)) return sum;
  return Status(ErrorCode::InvalidArgument,
                "adding " + std::to_string(amount) + " would take " + std::string(what) + " (" +
                    std::to_string(total) + ") past " + std::to_string(kMaxQuantity) + " (2^53 - 1); nothing was recorded",
                {{"field", std::string(field)}, {"rule", "max_total"}, {"max", kMaxQuantity},
                 {"current", total}, {"requested", amount}});
}

}  // namespace edgetally
