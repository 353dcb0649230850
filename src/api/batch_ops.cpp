// Batch operations: per-row checks, then one transaction for the rows that may be written.
#include "api/batch_ops.h"

#include <set>
#include <tuple>

#include "api/batch_result.h"
#include "api/group_scope.h"
#include "api/thing_writes.h"
#include "common/args.h"
#include "model/connections.h"
#include "model/thing_updates.h"
#include "model/validation_rules.h"
#include "quota/usage_recording.h"
#include "api/unit_of_work.h"

namespace edgetally {

namespace {

Result<const nlohmann::json*> RequireArray(const nlohmann::json& args, const char* field) {
  auto it = args.find(field);
  if (it == args.end() || !it->is_array()) {
    return InvalidField(field, "array", std::string(field) + " must be an array");
  }
  return &*it;
}

bool ShouldWrite(const BatchOptions& options, const std::vector<RowError>& errors) {
  return options.mode == BatchMode::Partial || errors.empty();
}

using ConnectionKey = std::tuple<int64_t, int64_t, std::string>;

// Checks one connection row: shape, endpoints, and duplicates within the batch.
Status CheckConnectionRow(OpContext& ctx, const std::string& group_id, const nlohmann::json& row,
                          std::set<ConnectionKey>& seen, EndpointCache& owners, NewConnection* out) {
  ET_ASSIGN_OR_RETURN(*out, CheckConnection(row));
  ET_RETURN_IF_ERROR(CheckEndpoints(ctx.db(), group_id, *out, owners));
  if (!seen.insert({out->from_id, out->to_id, out->type}).second) {
    return InvalidField("type", "duplicate", "this connection (fromId, toId, type) appears twice in the batch");
  }
  return Status::Ok();
}

// Checks one update row and computes its change (nullopt: nothing changes).
Result<std::optional<ThingChange>> CheckUpdateRow(OpContext& ctx, GroupScope& scope, const nlohmann::json& row,
                                                  const BatchOptions& options) {
  ET_ASSIGN_OR_RETURN(ThingUpdate update, CheckUpdate(row));
  ET_ASSIGN_OR_RETURN(std::optional<ThingChange> change, ComputeChange(ctx.db(), scope.group.id, update));
  if (change && !options.skip_validation) {
    ET_ASSIGN_OR_RETURN(ValidationRulesSnapshot rules, ctx.validation_rules());
    const Thing& t = change->after;
    ET_RETURN_IF_ERROR(CheckAgainstRules(*rules, NewThing{t.type, t.name, t.properties}));
  }
  return change;
}

// What every batch operation starts from: the group, the mode, and the array of rows.
struct BatchRequest {
  GroupScope scope;
  BatchOptions options;
  const nlohmann::json* rows;
};

Result<BatchRequest> OpenBatch(OpContext& ctx, const nlohmann::json& args, const char* rows_field) {
  ET_ASSIGN_OR_RETURN(GroupScope scope, OpenGroupScope(ctx, args));
  ET_ASSIGN_OR_RETURN(BatchOptions options, ParseBatchOptions(args));
  ET_ASSIGN_OR_RETURN(const nlohmann::json* rows, RequireArray(args, rows_field));
  return BatchRequest{std::move(scope), options, rows};
}

}  // namespace

Result<nlohmann::json> OpBatchCreateConnections(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(BatchRequest request, OpenBatch(ctx, args, "connections"));
  GroupScope& scope = request.scope;  // (no structured binding: lambdas below capture these)
  const BatchOptions& options = request.options;
  const nlohmann::json* rows = request.rows;
  std::vector<IndexedConnection> valid;
  std::vector<RowError> errors;
  std::set<ConnectionKey> seen;
  EndpointCache owners;
  int64_t bytes = 0;
  for (size_t i = 0; i < rows->size(); ++i) {
    NewConnection c;
    Status status = CheckConnectionRow(ctx, scope.group.id, (*rows)[i], seen, owners, &c);
    if (!status.ok()) {
      errors.push_back(RowErrorFrom(status, static_cast<int64_t>(i)));
      continue;
    }
    bytes += static_cast<int64_t>(c.type.size() + c.metadata.size());
    valid.push_back({static_cast<int64_t>(i), std::move(c)});
  }
  std::vector<int64_t> created;
  if (ShouldWrite(options, errors) && !valid.empty()) {
    UnitEffects effects{.scope = &scope, .alerts = {Metric::ConnectionsTotal, Metric::StorageBytes}};
    ET_ASSIGN_OR_RETURN(created, WriteUnit(ctx, effects, [&]() -> Result<std::vector<int64_t>> {
      ET_RETURN_IF_ERROR(ConsumeUsage(scope.ctx, scope.group, Metric::ConnectionsTotal, static_cast<int64_t>(valid.size())));
      ET_RETURN_IF_ERROR(ConsumeUsage(scope.ctx, scope.group, Metric::StorageBytes, bytes));
      return InsertConnections(ctx.db(), scope.group.id, valid, scope.ctx.now);
    }));
  }
  int64_t failed = static_cast<int64_t>(errors.size());
  return nlohmann::json(BatchResultText("created", created, errors, static_cast<int64_t>(rows->size()), failed));
}

Result<nlohmann::json> OpBatchUpdateThings(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(BatchRequest request, OpenBatch(ctx, args, "updates"));
  GroupScope& scope = request.scope;  // (no structured binding: lambdas below capture these)
  const BatchOptions& options = request.options;
  const nlohmann::json* rows = request.rows;
  std::vector<ThingChange> changes;
  std::vector<RowError> errors;
  std::vector<int64_t> unchanged;
  std::set<int64_t> seen;
  int64_t storage_delta = 0;
  for (size_t i = 0; i < rows->size(); ++i) {
    Result<std::optional<ThingChange>> change = CheckUpdateRow(ctx, scope, (*rows)[i], options);
    if (change.ok() && change.value() && !seen.insert(change.value()->after.id).second) {
      change = InvalidField("id", "duplicate", "the batch updates this thing twice");
    }
    if (!change.ok()) {
      errors.push_back(RowErrorFrom(change.status(), static_cast<int64_t>(i)));
    } else if (!change.value()) {
      unchanged.push_back((*rows)[i]["id"].get<int64_t>());
    } else {
      change.value()->index = static_cast<int64_t>(i);
      storage_delta += change.value()->storage_delta;
      changes.push_back(std::move(*change.value()));
    }
  }
  std::vector<int64_t> updated;
  if (ShouldWrite(options, errors) && !changes.empty()) {
    ET_RETURN_IF_ERROR(WriteUnit(ctx, {.scope = &scope, .alerts = {Metric::StorageBytes}}, [&] {
      Status consumed = ConsumeUsage(scope.ctx, scope.group, Metric::StorageBytes, storage_delta);
      return consumed.ok() ? ApplyChanges(ctx.db(), scope.group.id, changes, scope.ctx.now) : consumed;
    }));
    for (const ThingChange& c : changes) updated.push_back(c.after.id);
  }
  int64_t failed = static_cast<int64_t>(errors.size());
  return nlohmann::json(BatchResultText("updated", updated, errors, static_cast<int64_t>(rows->size()),
                                        failed, std::nullopt, &unchanged));
}

const std::vector<Operation>& BatchOperations() {
  static const std::vector<Operation> operations = {
      {.name = "batchCreateConnections",
       .json = OpBatchCreateConnections,
       .args = arg::Object({arg::Required("groupId", arg::Id()),
                            arg::Required("connections", arg::Rows(arg::Object({arg::Required("fromId", arg::Integer(1, INT64_MAX)),
                                                                                arg::Required("toId", arg::Integer(1, INT64_MAX)),
                                                                                arg::Required("type", arg::Id()),
                                                                                arg::Optional("metadata", arg::Map(arg::Any()))})
                                                                   .Doc("NewConnection"))),
                            ModeArg(), SkipValidationArg()}),
       .result = "BatchInsertResult",
       .writes = true,
       .raw_result = true,
       .summary = "connections between existing things of the group"},
      {.name = "batchUpdateThings",
       .json = OpBatchUpdateThings,
       .args = arg::Object({arg::Required("groupId", arg::Id()),
                            arg::Required("updates", arg::Rows(arg::Object({arg::Required("id", arg::Integer(1, INT64_MAX)),
                                                                            arg::Optional("name", arg::String()),
                                                                            arg::Optional("type", arg::String()),
                                                                            arg::Optional("status", arg::String()),
                                                                            arg::Optional("properties", arg::Map(arg::Any()))})
                                                               .Doc("ThingUpdate"))),
                            ModeArg(), SkipValidationArg()}),
       .result = "BatchUpdateResult",
       .writes = true,
       .raw_result = true,
       .summary = "updates with change tracking (one event per changed thing)"},
  };
  return operations;
}

}  // namespace edgetally
