// UsageRecording: ledger appends guarded by the quota rules.
#include "quota/usage_recording.h"

#include "common/args.h"
#include "quota/format.h"
#include "quota/usage_level.h"
#include "usage/quantity.h"

namespace edgetally {

namespace {

Result<UsageRecord> MakeRecord(QuotaContext& ctx, const Group& group, const UsageInput& input,
                               RecordKind kind) {
  UsageRecord record;
  record.ts = input.timestamp.value_or(ctx.now);
  if (input.record_id) {
    record.record_id = *input.record_id;
  } else {
    record.record_id = NewRecordId(record.ts);
    record.generated_id = true;
  }
  record.group_id = group.id;
  record.metric = std::string(MetricName(input.metric));
  record.kind = kind;
  record.amount = input.amount;
  record.period = input.period;
  record.bounds = BoundsAt(input.period, record.ts, group.anchor);
  record.bucket = BucketFor(input.metric, record.ts, group.anchor);
  return record;
}

Status CheckRecordable(Metric metric) {
  if (KindOf(metric) != MetricKind::Age) return Status::Ok();
  return InvalidField("metric", "derived_metric",
                      "events_retention_days is measured from the events held; it cannot be recorded");
}

// The record an add of `input` appends, after the checks every add shares.
Result<UsageRecord> CheckedAdd(QuotaContext& ctx, const Group& group, const UsageInput& input) {
  ET_RETURN_IF_ERROR(CheckRecordable(input.metric));
  ET_RETURN_IF_ERROR(CheckQuantity(input.amount, input.amount_field));
  return MakeRecord(ctx, group, input, RecordKind::Add);
}

Result<RecordOutcome> Append(QuotaContext& ctx, const UsageRecord& record, std::string_view field) {
  std::optional<BucketState> after;
  ET_ASSIGN_OR_RETURN(bool recorded, AppendRecord(ctx.db, record, field, &after));
  RecordOutcome outcome{record.record_id, recorded, record.bucket};
  if (after) outcome.level = LevelOf(*after);
  return outcome;
}

}  // namespace

Result<RecordOutcome> RecordUsage(QuotaContext& ctx, const Group& group, const UsageInput& input) {
  ET_ASSIGN_OR_RETURN(UsageRecord record, CheckedAdd(ctx, group, input));
  return Append(ctx, record, input.amount_field);
}

Result<RecordOutcome> EnforceQuota(QuotaContext& ctx, const Group& group, const UsageInput& input) {
  ET_ASSIGN_OR_RETURN(UsageRecord record, CheckedAdd(ctx, group, input));
  if (!record.generated_id) {
    ET_ASSIGN_OR_RETURN(bool replay, IsReplay(ctx.db, record));
    if (replay) return RecordOutcome{record.record_id, false, record.bucket};
  }
  ET_ASSIGN_OR_RETURN(Plan plan, EffectivePlan(ctx.config, group));
  ET_ASSIGN_OR_RETURN(QuotaState state, StateOf(ctx, group, plan, input.metric));
  if (!state.Allows(input.amount)) {
    std::string suggestion =
        UpgradeSuggestion(ctx.config, group, input.metric, state.current + input.amount);
    return Status(ErrorCode::QuotaExceeded, RefusalReason(plan, state, input.amount),
                  {{"metric", MetricName(input.metric)},
                   {"limit", state.limit.ToJson()},
                   {"current", state.current},
                   {"requested", input.amount},
                   {"remaining", state.remaining().value_or(0)},
                   {"plan", plan.id},
                   {"suggestion", suggestion}});
  }
  return Append(ctx, record, input.amount_field);
}

Status ConsumeUsage(QuotaContext& ctx, const Group& group, Metric metric, int64_t amount) {
  if (amount == 0) return Status::Ok();
  UsageInput input{metric, amount, Period::Annual, std::nullopt, std::nullopt, MetricName(metric)};
  if (amount > 0) return EnforceQuota(ctx, group, input).status();
  ET_RETURN_IF_ERROR(CheckQuantity(amount, input.amount_field));
  ET_ASSIGN_OR_RETURN(UsageRecord record, MakeRecord(ctx, group, input, RecordKind::Adjust));
  return AppendRecord(ctx.db, record, input.amount_field).status();
}

Result<RecordOutcome> ResetPeriodCounter(QuotaContext& ctx, const Group& group, Metric metric,
                                         Period period) {
  if (KindOf(metric) != MetricKind::Counter) {
    return InvalidField("metric", "counter_only",
                        std::string(MetricName(metric)) + " is a level, not a per-period counter; only counters reset");
  }
  if (period != Period::Monthly) {
    return InvalidField("period", "period_mismatch",
                        std::string(MetricName(metric)) + " is counted monthly; reset it with period 'monthly'");
  }
  UsageInput input{metric, 0, period, std::nullopt, std::nullopt};
  ET_ASSIGN_OR_RETURN(UsageRecord record, MakeRecord(ctx, group, input, RecordKind::Reset));
  ET_ASSIGN_OR_RETURN(bool recorded, AppendRecord(ctx.db, record));
  return RecordOutcome{record.record_id, recorded, record.bucket};
}

}  // namespace edgetally
