// UnitOfWork: alerts, commit, config generation, events, in that order.
#include "api/unit_of_work.h"

#include "quota/alerts.h"

namespace edgetally {

Status UnitOfWork::Commit(const UnitEffects& effects) {
  std::vector<nlohmann::json> alerts;
  if (effects.scope && !effects.alerts.empty()) {
    ET_ASSIGN_OR_RETURN(alerts, UpdateAlerts(effects.scope->ctx, effects.scope->group, effects.alerts));
  }
  ET_RETURN_IF_ERROR(txn_.Commit());
  if (effects.config) ctx_.ConfigChanged();
  ctx_.Notify(std::move(alerts));
  return Status::Ok();
}

}  // namespace edgetally
