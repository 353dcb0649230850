// GroupScope: group lookup plus quota context.
#include "api/group_scope.h"

#include "common/args.h"
#include "quota/alerts.h"
#include "store/transaction.h"

namespace edgetally {

Result<GroupScope> OpenGroupScope(Engine& engine, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(std::string group_id, RequireString(args, "groupId"));
  ET_ASSIGN_OR_RETURN(Group group, GetGroup(engine.db(), group_id));
  ET_ASSIGN_OR_RETURN(const QuotaConfig* config, engine.quota_config());
  return GroupScope{std::move(group), QuotaContext{engine.db(), *config, engine.Now()}};
}

Status CommitWithAlerts(Engine& engine, GroupScope& scope, Transaction& txn,
                        const std::vector<Metric>& metrics) {
  ET_ASSIGN_OR_RETURN(std::vector<nlohmann::json> alerts, UpdateAlerts(scope.ctx, scope.group, metrics));
  ET_RETURN_IF_ERROR(txn.Commit());
  engine.Notify(std::move(alerts));
  return Status::Ok();
}

}  // namespace edgetally
