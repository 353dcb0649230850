// MetricsJson: result writers and argument readers for the metrics operations.
#include "api/metrics_json.h"

#include "common/args.h"

namespace edgetally {

Result<std::vector<std::string>> OptionalTypes(const nlohmann::json& args, std::string_view field) {
  std::vector<std::string> types;
  auto it = args.find(field);
  if (it == args.end() || it->is_null()) return types;
  auto bad = [&] {
    return InvalidField(field, "string_array", std::string(field) + " must be a non-empty array of type names");
  };
  if (!it->is_array() || it->empty() || it->size() > 64) return bad();
  for (const auto& t : *it) {
    if (!t.is_string() || t.get<std::string>().empty() || t.get<std::string>().size() > 64) return bad();
    types.push_back(t.get<std::string>());
  }
  return types;
}

Result<int64_t> OptionalLimit(const nlohmann::json& args, std::string_view field, int64_t fallback, int64_t max) {
  auto it = args.find(field);
  if (it == args.end() || it->is_null()) return fallback;
  return RequireInt(args, field, 1, max);
}

nlohmann::json CreatorStatsJson(const CreatorStats& s) {
  return {{"totalFollowers", s.total_followers},
          {"totalContent", s.total_content},
          {"totalRevenue", s.total_revenue},
          {"revenueThisMonth", s.revenue_this_month},
          {"totalViews", s.total_views},
          {"totalLikes", s.total_likes},
          {"totalComments", s.total_comments},
          {"engagementRate", s.engagement_rate},
          {"lastActive", s.last_active ? nlohmann::json(*s.last_active) : nlohmann::json(nullptr)},
          {"avgRevenuePerContent", s.avg_revenue_per_content},
          {"activeDays30", s.active_days_30}};
}

nlohmann::json GroupMetricsJson(const GroupMetrics& m) {
  nlohmann::json by_type = nlohmann::json::object();
  for (const auto& [type, count] : m.entities_by_type) by_type[type] = count;
  nlohmann::json top = nlohmann::json::array();
  for (const ScoredThing& t : m.top_content_by_engagement) top.push_back({{"id", t.id}, {"name", t.name}, {"score", t.score}});
  return {{"totalEntities", m.total_entities},
          {"entitiesByType", by_type},
          {"totalConnections", m.total_connections},
          {"activeUsers", m.active_users},
          {"activeUsers7d", m.active_users_7d},
          {"eventsToday", m.events_today},
          {"events7d", m.events_7d},
          {"events30d", m.events_30d},
          {"eventsPrev30d", m.events_prev_30d},
          {"storageUsedMB", m.storage_used_mb},
          {"revenueThisMonth", m.revenue_this_month},
          {"topContentByEngagement", top},
          {"trendingUp", m.trending_up},
          {"trendPct", m.trend_pct},
          {"eventsPerActiveUser30d", m.events_per_active_user_30d}};
}

nlohmann::json RelatedJson(const RelatedThing& item, Direction direction) {
  return {{"connectionId", item.connection_id},
          {"type", item.type},
          {"direction", direction == Direction::Outgoing ? "outgoing" : "incoming"},
          {"thing", {{"id", item.thing_id}, {"type", item.thing_type}, {"name", item.name}}},
          {"metadata", nlohmann::json::parse(item.metadata, nullptr, false)},
          {"createdAt", item.created_at}};
}

nlohmann::json ActivityJson(const ActivityItem& item) {
  nlohmann::json out = {{"id", item.id ? nlohmann::json(item.id) : nlohmann::json(nullptr)},
                        {"type", item.type},
                        {"actorId", item.actor_id ? nlohmann::json(item.actor_id) : nlohmann::json(nullptr)},
                        {"ts", item.ts},
                        {"metadata", nlohmann::json::parse(item.metadata, nullptr, false)}};
  if (item.amount) out["amount"] = *item.amount;
  if (!item.currency.empty()) out["currency"] = item.currency;
  return out;
}

}  // namespace edgetally
