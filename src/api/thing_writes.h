// ThingWrites: inserting things the way every entry point must: quota pre-flight first (a batch
// that would pass the plan's entity or storage limit is refused with QuotaExceeded before
// anything is written), then the rows, their usage records (entities_total, storage_gb) and the
// quota alerts, all in one transaction.
#pragma once

#include "api/group_scope.h"
#include "model/things.h"

namespace edgetally {

// Inserts `rows` into the scope's group. When rows.errors is non-empty nothing is written and
// the result lists them (atomic mode).
Result<BatchInsertResult> WriteThings(Engine& engine, GroupScope& scope, const CheckedThings& rows);

}  // namespace edgetally
