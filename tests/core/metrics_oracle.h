// MetricsOracle: the metric definitions of README "Metrics" written the plain way, over a
// vector of every event ever logged and a mirror of the things and connections, for the
// metrics tests to compare the engine's aggregates against. Deliberately naive: O(events).
#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace edgetally::test {

struct OracleEvent {
  int64_t id, actor, target, ts, amount;  // actor/target 0: none
  std::string type, group;
};

struct OracleThing {
  std::string group, type, name;
  int64_t property_bytes;
};

struct OracleConnection {
  int64_t from, to;
  std::string type, group;
};

inline double Round(double v, int d) {
  double s = std::pow(10.0, d);
  return std::round(v * s) / s;
}

struct MetricsOracle {
  static constexpr int64_t kDay = 86400000;
  std::vector<OracleEvent> events;
  std::map<int64_t, OracleThing> things;
  std::vector<OracleConnection> connections;

  static int64_t Weight(const std::string& t) {
    return t == "view" ? 1 : t == "like" ? 3 : t == "share" ? 4 : t == "comment" ? 5 : 0;
  }

  nlohmann::json CreatorStats(int64_t creator, int64_t now, int64_t month_start) const {
    std::set<int64_t> content;
    for (const auto& c : connections) if (c.from == creator && c.type == "created") content.insert(c.to);
    std::map<int64_t, std::pair<std::pair<int64_t, int64_t>, bool>> follows;  // actor -> ((ts,id), follow)
    int64_t views = 0, likes = 0, comments = 0, revenue = 0, month = 0;
    std::optional<int64_t> last;
    std::set<int64_t> days;
    for (const auto& e : events) {
      if ((e.type == "follow" || e.type == "unfollow") && e.target == creator && e.actor) {
        auto key = std::make_pair(e.ts, e.id);
        auto it = follows.find(e.actor);
        if (it == follows.end() || it->second.first < key) follows[e.actor] = {key, e.type == "follow"};
      }
      if (content.count(e.target)) {
        views += e.type == "view";
        likes += e.type == "like";
        comments += e.type == "comment";
        if (e.type == "payment") revenue += e.amount, month += e.ts >= month_start ? e.amount : 0;
      }
      if (e.actor == creator) {
        last = std::max(last.value_or(INT64_MIN), e.ts);
        if (e.ts >= now - 30 * kDay) days.insert(e.ts / kDay);
      }
    }
    int64_t followers = 0;
    for (const auto& [actor, state] : follows) followers += state.second;
    int64_t n = static_cast<int64_t>(content.size());
    return {{"totalFollowers", followers},
            {"totalContent", n},
            {"totalRevenue", revenue / 100.0},
            {"revenueThisMonth", month / 100.0},
            {"totalViews", views},
            {"totalLikes", likes},
            {"totalComments", comments},
            {"engagementRate", views ? Round(double(likes + comments) / views, 4) : 0.0},
            {"lastActive", last ? nlohmann::json(*last) : nlohmann::json(nullptr)},
            {"avgRevenuePerContent", n ? Round(revenue / 100.0 / n, 2) : 0.0},
            {"activeDays30", static_cast<int64_t>(days.size())}};
  }

  nlohmann::json GroupMetrics(const std::string& group, int64_t now, int64_t month_start) const {
    int64_t entities = 0, bytes = 0, conns = 0;
    nlohmann::json by_type = nlohmann::json::object();
    for (const auto& [id, t] : things) {
      if (t.group != group) continue;
      ++entities;
      bytes += t.property_bytes;
      by_type[t.type] = by_type.value(t.type, 0) + 1;
    }
    for (const auto& c : connections) conns += c.group == group;
    std::set<int64_t> users30, users7;
    int64_t today = 0, e7 = 0, e30 = 0, e60 = 0, revenue = 0;
    std::map<int64_t, int64_t> scores;
    for (const auto& e : events) {
      if (e.group != group) continue;
      if (e.actor && e.ts >= now - 30 * kDay) users30.insert(e.actor);
      if (e.actor && e.ts >= now - 7 * kDay) users7.insert(e.actor);
      today += e.ts >= now / kDay * kDay;
      e7 += e.ts >= now - 7 * kDay;
      e30 += e.ts >= now - 30 * kDay;
      e60 += e.ts >= now - 60 * kDay;
      if (e.type == "payment" && e.ts >= month_start) revenue += e.amount;
      if (e.target && e.ts >= now - 30 * kDay) scores[e.target] += Weight(e.type);
    }
    std::vector<std::pair<int64_t, int64_t>> ranked;  // (-score, id)
    for (const auto& [id, score] : scores) {
      const std::string& type = things.at(id).type;
      if (score > 0 && (type == "course" || type == "post" || type == "video")) ranked.push_back({-score, id});
    }
    std::sort(ranked.begin(), ranked.end());
    nlohmann::json top = nlohmann::json::array();
    for (size_t i = 0; i < ranked.size() && i < 5; ++i) {
      top.push_back({{"id", ranked[i].second}, {"name", things.at(ranked[i].second).name}, {"score", -ranked[i].first}});
    }
    int64_t prev = e60 - e30, active = static_cast<int64_t>(users30.size());
    return {{"totalEntities", entities},
            {"entitiesByType", by_type},
            {"totalConnections", conns},
            {"activeUsers", active},
            {"activeUsers7d", static_cast<int64_t>(users7.size())},
            {"eventsToday", today},
            {"events7d", e7},
            {"events30d", e30},
            {"eventsPrev30d", prev},
            {"storageUsedMB", Round(bytes / 1048576.0, 2)},
            {"revenueThisMonth", revenue / 100.0},
            {"topContentByEngagement", top},
            {"trendingUp", e30 >= prev},
            {"trendPct", prev ? Round(double(e30 - prev) / prev * 100.0, 2) : 0.0},
            {"eventsPerActiveUser30d", active ? Round(double(e30) / active, 2) : 0.0}};
  }
};

}  // namespace edgetally::test
