// Quantity: the one bound on usage amounts and totals. Every amount a caller or a batch asks to
// record, every count a pre-flight check is asked about, every server total and every running
// total derived from them stays within [-kMaxQuantity, kMaxQuantity], so no sum of two of them
// (server total + unacknowledged records + a request) can overflow int64, and every value a
// JS caller reads is a number it can hold exactly. What would leave the bound is refused with
// InvalidArgument naming the field and the rule, before anything is written.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"

namespace edgetally {

// 2^53 - 1: the largest integer a JavaScript number holds exactly (Number.MAX_SAFE_INTEGER).
constexpr int64_t kMaxQuantity = (int64_t{1} << 53) - 1;

// OK when |amount| <= kMaxQuantity; else InvalidArgument {field, rule: "max_quantity", max}.
Status CheckQuantity(int64_t amount, std::string_view field);
// `total + amount` when both are in bounds and so is the sum; else InvalidArgument {field,
// rule: "max_total", max, current: total, requested: amount}. `what` names the total in the
// message ("the users total").
Result<int64_t> AddQuantity(int64_t total, int64_t amount, std::string_view field, std::string_view what);

}  // namespace edgetally
