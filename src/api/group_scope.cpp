// GroupScope: group lookup plus quota context.
#include "api/group_scope.h"

#include "common/args.h"

namespace edgetally {

Result<GroupScope> OpenGroupScope(OpContext& ctx, const nlohmann::json& args) {
  ET_ASSIGN_OR_RETURN(std::string group_id, RequireString(args, "groupId"));
  ET_ASSIGN_OR_RETURN(Group group, ctx.group(group_id));
  ET_ASSIGN_OR_RETURN(QuotaConfigSnapshot config, ctx.quota_config());
  QuotaContext quota{ctx.db(), *config, ctx.Now(), &ctx.answer_window()};
  return GroupScope{std::move(group), quota, std::move(config)};
}

ArgSpec GroupArgs() { return arg::Object({arg::Required("groupId", arg::Id())}); }
ArgSpec LimitsSpec() { return arg::Map(arg::Integer(0, INT64_MAX).Nullable()).Doc("Partial<Limits>"); }

}  // namespace edgetally
