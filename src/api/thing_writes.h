// ThingWrites: inserting things the way every entry point must:
//   1. the store's validation rules (allowed types, per-type schemas) unless skipValidation;
//   2. atomic mode (default): any invalid row means nothing is written and every invalid row
//      is reported; partial mode: the valid rows are written and the invalid ones reported;
//   3. quota pre-flight: rows that would pass the plan's entity or storage limit are refused
//      with QuotaExceeded before anything is written;
//   4. the rows, one "thing_created" event each, their usage records (entities_total,
//      storage_gb) and the quota alerts, all in one transaction.
#pragma once

#include <nlohmann/json.hpp>

#include "api/group_scope.h"
#include "common/arg_spec.h"
#include "model/things.h"

namespace edgetally {

enum class BatchMode { Atomic, Partial };

struct BatchOptions {
  BatchMode mode = BatchMode::Atomic;
  bool skip_validation = false;  // trusted sources: skip the store's rules and schemas
};

// Reads {mode?: "atomic" | "partial", skipValidation?: bool}.
Result<BatchOptions> ParseBatchOptions(const nlohmann::json& args);
// The declarations every batch operation shares: `mode`, `skipValidation`, and a thing row
// {type, name, properties?} (checked row by row, see thing_rules.h).
ArgField ModeArg();
ArgField SkipValidationArg();
ArgSpec ThingRowSpec();

// Step 1: moves rows that break the store's rules from rows->valid to rows->errors.
void ApplyRules(const ValidationRules& rules, CheckedThings* rows);
// Steps 3-4 without the transaction: consume usage (QuotaExceeded if it does not fit) and
// insert; for callers that hold a transaction open across calls (chunked batches).
Result<std::vector<int64_t>> InsertValidRows(OpContext& ctx, GroupScope& scope,
                                             const std::vector<IndexedThing>& rows);

// Applies steps 1-4 to `rows` for the scope's group.
Result<BatchInsertResult> WriteThings(OpContext& ctx, GroupScope& scope, CheckedThings rows,
                                      const BatchOptions& options);

}  // namespace edgetally
