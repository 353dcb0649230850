// UnitOfWork: the one way an operation writes. It opens the write transaction; Commit()
// evaluates the quota alerts of the metrics the change touched (inside the transaction, so they
// see it), commits, bumps the config generation when the change touched config (plans,
// thresholds, validation rules), and only then queues the alerts on the context's event sink. A
// unit destroyed without Commit() rolls back: nothing half-applies and no event escapes.
//
//   return WriteUnit(ctx, {.scope = &scope, .alerts = {Metric::Users}}, [&]() -> Result<Json> {
//     ...the change, in the transaction...
//   });
//
// A chunked batch holds one unit open across calls (atomic mode); everything else uses
// WriteUnit. No other code opens a write transaction.
#pragma once

#include <vector>

#include "api/group_scope.h"
#include "api/op_context.h"
#include "quota/alerts.h"
#include "quota/metrics.h"
#include "store/transaction.h"

namespace edgetally {

struct UnitEffects {
  GroupScope* scope = nullptr;  // the group whose alerts to evaluate (scope->group read at commit)
  std::vector<Metric> alerts = {};  // the metrics the change touched
  bool config = false;          // the change wrote config: later reads load a new snapshot
  // Usage the change already knows as it left it (a usage write's bucket), for the alerts
  // (quota/alerts.h); filled by the change as it runs, read at commit.
  const std::vector<KnownUsage>* known = nullptr;
  // The change wrote only usage of scope's group in the one metric of `alerts` (ledger, outbox,
  // totals, alert state: a usage write): the groups read before it stay kept after its commit
  // (OpContext::group), and so do the kept answers that did not read that usage
  // (OpContext::usage_commit, api/answer_cache.h).
  bool usage_only = false;
};

class UnitOfWork {
 public:
  explicit UnitOfWork(OpContext& ctx) : ctx_(ctx), commits_(ctx.db().Commits()), txn_(ctx.db()) {}
  UnitOfWork(const UnitOfWork&) = delete;
  UnitOfWork& operator=(const UnitOfWork&) = delete;

  // Whether the transaction opened; check before writing.
  const Status& status() const { return txn_.status(); }
  // Alerts, commit, config generation, events (see above). After a failure, rolled back.
  Status Commit(const UnitEffects& effects);

 private:
  OpContext& ctx_;
  uint64_t commits_;  // the store's commit count when the unit began
  Transaction txn_;
};

// Runs `change` (returning Status or Result<T>) in a unit of work and commits it with
// `effects` when it succeeds; returns what `change` returned, or the commit's error.
template <typename Change>
auto WriteUnit(OpContext& ctx, const UnitEffects& effects, Change change) -> decltype(change()) {
  UnitOfWork unit(ctx);
  ET_RETURN_IF_ERROR(unit.status());
  auto result = change();
  if (!result.ok()) return result;
  ET_RETURN_IF_ERROR(unit.Commit(effects));
  return result;
}

// All metrics, for changes that move every one (a plan change, server totals).
inline std::vector<Metric> AllMetrics() { return {kAllMetrics.begin(), kAllMetrics.end()}; }

}  // namespace edgetally
