// OpContext: config snapshots, the bulk-session slot and the event queue.
#include "api/op_context.h"

#include "api/bulk_session.h"

namespace edgetally {

OpContext::OpContext(Database& db) : db_(db) {}
OpContext::~OpContext() = default;

Result<QuotaConfigSnapshot> OpContext::quota_config() {
  if (!quota_config_) {
    ET_ASSIGN_OR_RETURN(QuotaConfig loaded, QuotaConfig::Load(db_));
    quota_config_ = std::make_shared<const QuotaConfig>(std::move(loaded));
  }
  return quota_config_;
}

Result<ValidationRulesSnapshot> OpContext::validation_rules() {
  if (!validation_rules_) {
    ET_ASSIGN_OR_RETURN(ValidationRules loaded, LoadValidationRules(db_));
    validation_rules_ = std::make_shared<const ValidationRules>(std::move(loaded));
  }
  return validation_rules_;
}

Result<Group> OpContext::group(const std::string& id) {
  if (db_.InTransaction()) return GetGroup(db_, id);
  if (kept_groups_.commits != db_.Commits()) kept_groups_ = {db_.Commits(), {}};
  for (const Group& kept : kept_groups_.groups) {
    if (kept.id == id) return kept;
  }
  ET_ASSIGN_OR_RETURN(Group group, GetGroup(db_, id));
  if (kept_groups_.groups.size() == 8) kept_groups_.groups.erase(kept_groups_.groups.begin());
  kept_groups_.groups.push_back(group);
  return group;
}

void OpContext::KeepGroupsAcross(uint64_t before) {
  if (kept_groups_.commits == before && db_.Commits() == before + 1) kept_groups_.commits = db_.Commits();
}

void OpContext::ConfigChanged() {
  ++config_generation_;
  quota_config_.reset();
  validation_rules_.reset();
}

void OpContext::set_bulk_session(std::unique_ptr<BulkSession> session) { bulk_session_ = std::move(session); }

void OpContext::Notify(std::vector<nlohmann::json> events) {
  for (nlohmann::json& event : events) notifications_.push_back(std::move(event));
}

}  // namespace edgetally
