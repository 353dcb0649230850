// UnitOfWork: alerts, commit, config generation, events, in that order.
#include "api/unit_of_work.h"

#include "api/quota_json.h"

namespace edgetally {

Status UnitOfWork::Commit(const UnitEffects& effects) {
  std::vector<nlohmann::json> alerts;
  if (effects.scope && !effects.alerts.empty()) {
    ET_ASSIGN_OR_RETURN(std::vector<QuotaAlert> crossed,
                        UpdateAlerts(effects.scope->ctx, effects.scope->group, effects.alerts,
                                     effects.known ? *effects.known : std::vector<KnownUsage>{}));
    for (const QuotaAlert& alert : crossed) alerts.push_back(QuotaAlertJson(alert));
  }
  ET_RETURN_IF_ERROR(txn_.Commit());
  if (effects.usage_only && effects.scope && effects.alerts.size() == 1) {
    ctx_.KeepGroupsAcross(commits_);
    std::optional<KnownUsage> known;
    if (effects.known && effects.known->size() == 1) known = effects.known->front();
    ctx_.NoteUsageCommit({commits_, effects.scope->group.id, effects.alerts.front(), known});
  }
  if (effects.config) ctx_.ConfigChanged();
  ctx_.Notify(std::move(alerts));
  return Status::Ok();
}

}  // namespace edgetally
