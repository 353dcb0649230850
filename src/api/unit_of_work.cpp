// UnitOfWork: alerts, commit, config generation, events, in that order.
#include "api/unit_of_work.h"

#include "api/quota_json.h"

namespace edgetally {

Status UnitOfWork::Commit(const UnitEffects& effects) {
  std::vector<nlohmann::json> alerts;
  if (effects.scope && !effects.alerts.empty()) {
    ET_ASSIGN_OR_RETURN(std::vector<QuotaAlert> crossed,
                        UpdateAlerts(effects.scope->ctx, effects.scope->group, effects.alerts));
    for (const QuotaAlert& alert : crossed) alerts.push_back(QuotaAlertJson(alert));
  }
  ET_RETURN_IF_ERROR(txn_.Commit());
  if (effects.config) ctx_.ConfigChanged();
  ctx_.Notify(std::move(alerts));
  return Status::Ok();
}

}  // namespace edgetally
