// Alerts: the announced level per bucket lives in alert_state.
#include "quota/alerts.h"

#include "quota/usage_level.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {

constexpr const char* kReadLevel =
    "SELECT level FROM alert_state WHERE group_id = ?1 AND metric = ?2 AND bucket = ?3";
constexpr const char* kWriteLevel =
    "INSERT INTO alert_state (group_id, metric, bucket, level) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT DO UPDATE SET level = excluded.level";

Result<int64_t> AnnouncedLevel(Database& db, const Group& group, const std::string& metric, int64_t bucket) {
  ET_ASSIGN_OR_RETURN(Statement * read, db.Cached(kReadLevel));
  read->Bind(1, group.id).Bind(2, metric).Bind(3, bucket);
  ET_ASSIGN_OR_RETURN(bool found, read->Step());
  int64_t level = found ? read->ColumnInt(0) : 0;
  read->Reset();
  return level;
}

// The metric's state now: from `known` when it holds the metric's current bucket, else read.
Result<QuotaState> StateNow(QuotaContext& ctx, const Group& group, Metric metric, int64_t bucket,
                            const std::vector<KnownUsage>& known) {
  for (const KnownUsage& usage : known) {
    if (usage.metric != metric || usage.bucket != bucket || KindOf(metric) == MetricKind::Age) continue;
    ET_ASSIGN_OR_RETURN(Plan plan, EffectivePlan(ctx.config, group));
    return StateAt(ctx, group, plan, metric, usage.level);
  }
  return StateOf(ctx, group, metric);
}

}  // namespace

Result<std::vector<QuotaAlert>> UpdateAlerts(QuotaContext& ctx, const Group& group,
                                             const std::vector<Metric>& metrics,
                                             const std::vector<KnownUsage>& known) {
  std::vector<QuotaAlert> alerts;
  for (Metric metric : metrics) {
    int64_t bucket = BucketFor(metric, ctx.now, group.anchor);
    ET_ASSIGN_OR_RETURN(QuotaState state, StateNow(ctx, group, metric, bucket, known));
    std::string name(MetricName(metric));
    int64_t level = static_cast<int64_t>(state.level);
    ET_ASSIGN_OR_RETURN(int64_t announced, AnnouncedLevel(ctx.db, group, name, bucket));
    if (level == announced) continue;
    ET_ASSIGN_OR_RETURN(Statement * write, ctx.db.Cached(kWriteLevel));
    write->Bind(1, group.id).Bind(2, name).Bind(3, bucket).Bind(4, level);
    ET_RETURN_IF_ERROR(write->Run());
    if (level < announced) continue;  // fell back: remembered, not announced
    alerts.push_back({group.id, std::move(state)});
  }
  return alerts;
}

}  // namespace edgetally
