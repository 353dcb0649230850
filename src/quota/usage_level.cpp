// UsageLevel: server total + unacknowledged local records, per bucket.
#include "quota/usage_level.h"

#include <algorithm>

#include "store/database.h"
#include "store/statement.h"
#include "usage/ledger.h"
#include "usage/server_totals.h"

namespace edgetally {

namespace {
constexpr int64_t kDayMs = 86400000;

Result<int64_t> OldestEventAgeDays(Database& db, const std::string& group_id, int64_t now) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached("SELECT min(ts) FROM events WHERE group_id = ?1"));
  stmt->Bind(1, group_id);
  ET_RETURN_IF_ERROR(stmt->Step().status());
  int64_t days = stmt->ColumnIsNull(0) ? 0 : std::max<int64_t>(0, (now - stmt->ColumnInt(0)) / kDayMs);
  stmt->Reset();
  return days;
}
}  // namespace

std::optional<PeriodBounds> QuotaPeriod(Metric metric, int64_t ts, const Anchor& anchor) {
  if (KindOf(metric) != MetricKind::Counter) return std::nullopt;
  return BoundsAt(Period::Monthly, ts, anchor);
}

int64_t BucketFor(Metric metric, int64_t ts, const Anchor& anchor) {
  std::optional<PeriodBounds> period = QuotaPeriod(metric, ts, anchor);
  return period ? period->start : 0;
}

Result<int64_t> CurrentUsage(Database& db, const Group& group, Metric metric, int64_t now) {
  if (KindOf(metric) == MetricKind::Age) return OldestEventAgeDays(db, group.id, now);
  std::string name(MetricName(metric));
  int64_t bucket = BucketFor(metric, now, group.anchor);
  ET_ASSIGN_OR_RETURN(BucketTotals local, ReadTotals(db, group.id, name, bucket));
  ET_ASSIGN_OR_RETURN(std::optional<ServerTotal> server, ReadServerTotal(db, group.id, name, bucket));
  int64_t server_value = server && server->as_of >= local.reset_at ? server->value : 0;
  return server_value + local.unacked;
}

}  // namespace edgetally
