// UsageLevel: server total + unacknowledged local records, per bucket.
#include "quota/usage_level.h"

#include <algorithm>

#include "store/database.h"
#include "store/statement.h"
#include "usage/ledger.h"
#include "usage/quantity.h"
#include "usage/server_totals.h"

namespace edgetally {

namespace {
constexpr int64_t kDayMs = 86400000;

// a + b, held within int64 (window bounds far from any real clock reading).
int64_t SaturatingAdd(int64_t a, int64_t b) {
  int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) return b > 0 ? INT64_MAX : INT64_MIN;
  return sum;
}

// The days the event at `oldest` has aged at `now` (0 until a whole day has passed, and for
// an event stamped in the future), with the window of clock readings giving the same count.
int64_t AgeDays(int64_t oldest, int64_t now, TimeWindow* window) {
  int64_t days = std::max<int64_t>(0, (now - oldest) / kDayMs);
  if (window) {
    int64_t from = days == 0 ? INT64_MIN : SaturatingAdd(oldest, days * kDayMs);
    window->Narrow(from, SaturatingAdd(oldest, SaturatingAdd(days * kDayMs, kDayMs)));
  }
  return days;
}

Result<int64_t> OldestEventAgeDays(Database& db, const std::string& group_id, int64_t now, TimeWindow* window) {
  ET_ASSIGN_OR_RETURN(Statement * stmt, db.Cached(
      "SELECT min(ts) FROM event_rows WHERE group_key = (SELECT group_key FROM event_groups WHERE group_id = ?1)"));
  stmt->Bind(1, group_id);
  ET_RETURN_IF_ERROR(stmt->Step().status());
  int64_t days = stmt->ColumnIsNull(0) ? 0 : AgeDays(stmt->ColumnInt(0), now, window);
  stmt->Reset();
  return days;
}
constexpr const char* kGroupTotals =
    "SELECT metric, bucket, unacked, reset_at FROM usage_totals WHERE group_id = ?1 AND bucket IN (0, ?2)";
constexpr const char* kGroupServerTotals =
    "SELECT metric, bucket, value, as_of FROM server_totals WHERE group_id = ?1 AND bucket IN (0, ?2)";

// The offline-truth rule, in one place: the server's total (unless a local reset came after
// it) plus the local records the server has not acknowledged. Writes keep both within
// kMaxQuantity; a store written before that bound existed is clamped to it, never wrapped.
int64_t Level(int64_t unacked, int64_t reset_at, int64_t server_value, int64_t server_as_of) {
  int64_t level = 0;
  if (__builtin_add_overflow(server_as_of >= reset_at ? server_value : 0, unacked, &level)) {
    level = unacked < 0 ? -kMaxQuantity : kMaxQuantity;
  }
  return std::clamp(level, -kMaxQuantity, kMaxQuantity);
}

// True when a row of `metric` at `bucket` is the one quota checks read now.
bool CurrentRow(Metric metric, int64_t bucket, int64_t counter_bucket) {
  return bucket == (KindOf(metric) == MetricKind::Counter ? counter_bucket : 0);
}

}  // namespace

int64_t LevelOf(const BucketState& bucket) {
  return Level(bucket.totals.unacked, bucket.totals.reset_at, bucket.server ? bucket.server->value : 0,
               bucket.server ? bucket.server->as_of : 0);
}

std::optional<PeriodBounds> QuotaPeriod(Metric metric, int64_t ts, const Anchor& anchor) {
  if (KindOf(metric) != MetricKind::Counter) return std::nullopt;
  return BoundsAt(Period::Monthly, ts, anchor);
}

int64_t BucketFor(Metric metric, int64_t ts, const Anchor& anchor) {
  std::optional<PeriodBounds> period = QuotaPeriod(metric, ts, anchor);
  return period ? period->start : 0;
}

Result<int64_t> CurrentUsage(Database& db, const Group& group, Metric metric, int64_t now, TimeWindow* window) {
  if (KindOf(metric) == MetricKind::Age) return OldestEventAgeDays(db, group.id, now, window);
  std::string name(MetricName(metric));
  std::optional<PeriodBounds> period = QuotaPeriod(metric, now, group.anchor);
  if (period && window) window->Narrow(period->start, period->end);
  int64_t bucket = period ? period->start : 0;
  BucketState state;
  ET_ASSIGN_OR_RETURN(state.totals, ReadTotals(db, group.id, name, bucket));
  ET_ASSIGN_OR_RETURN(state.server, ReadServerTotal(db, group.id, name, bucket));
  return LevelOf(state);
}

Result<std::array<int64_t, kAllMetrics.size()>> CurrentUsageAll(Database& db, const Group& group, int64_t now,
                                                                TimeWindow* window) {
  std::array<int64_t, kAllMetrics.size()> unacked{}, reset_at{}, server{}, server_as_of{};
  PeriodBounds counter_period = BoundsAt(Period::Monthly, now, group.anchor);
  if (window) window->Narrow(counter_period.start, counter_period.end);
  int64_t counter_bucket = counter_period.start;
  auto scan = [&](const char* sql, std::array<int64_t, kAllMetrics.size()>& first,
                  std::array<int64_t, kAllMetrics.size()>& second) -> Status {
    ET_ASSIGN_OR_RETURN(Statement * rows, db.Cached(sql));
    rows->Bind(1, group.id).Bind(2, counter_bucket);
    for (;;) {
      ET_ASSIGN_OR_RETURN(bool row, rows->Step());
      if (!row) break;
      Result<Metric> metric = ParseMetric(rows->ColumnText(0));
      if (!metric.ok() || !CurrentRow(metric.value(), rows->ColumnInt(1), counter_bucket)) continue;
      first[static_cast<size_t>(metric.value())] = rows->ColumnInt(2);
      second[static_cast<size_t>(metric.value())] = rows->ColumnInt(3);
    }
    rows->Reset();
    return Status::Ok();
  };
  ET_RETURN_IF_ERROR(scan(kGroupTotals, unacked, reset_at));
  ET_RETURN_IF_ERROR(scan(kGroupServerTotals, server, server_as_of));
  std::array<int64_t, kAllMetrics.size()> usage{};
  for (Metric metric : kAllMetrics) {
    size_t i = static_cast<size_t>(metric);
    usage[i] = Level(unacked[i], reset_at[i], server[i], server_as_of[i]);
  }
  ET_ASSIGN_OR_RETURN(usage[static_cast<size_t>(Metric::EventsRetentionDays)], OldestEventAgeDays(db, group.id, now, window));
  return usage;
}

}  // namespace edgetally
