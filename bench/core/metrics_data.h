// MetricsData: the metrics bench's data set as engine call arguments, for native profiles of
// logEvents (profile_bench events N). The same shape as bench/workloads/metrics.mjs: 10,000
// things (users, courses, posts, videos, lessons; ids 1..10,000 in a fresh store), a 'created'
// link from a skewed user to each course, post and video, random 'related' links up to 20,000,
// and events of about 20 types over 400 days with skewed actors (users) and targets (any thing).
#pragma once

#include <chrono>
#include <cstdlib>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

class MetricsData {
 public:
  static constexpr int kChunk = 10000;  // events per logEvents call, as the JS bench sends them
  static constexpr int kThings = 10000, kUsers = 2000, kConnections = 20000;

  // `group_member` is the text `"groupId":"..."`.
  explicit MetricsData(std::string group_member) : group_(std::move(group_member)) {}

  std::string ThingsArgs() {
    static const std::pair<const char*, int> kKinds[] = {{"user", 2000}, {"course", 3000}, {"post", 2000}, {"video", 2000}, {"lesson", 1000}};
    std::string out = "{" + group_ + ",\"things\":[";
    int id = 0;
    for (const auto& [type, count] : kKinds) {
      for (int i = 0; i < count; ++i, ++id) {
        types_.push_back(type);
        out += std::string(id ? "," : "") + "{\"type\":\"" + type + "\",\"name\":\"" + type + " " + std::to_string(i) +
               "\",\"properties\":{\"n\":" + std::to_string(i) + ",\"tag\":\"" + std::string(static_cast<size_t>(Next() * 40), 'x') + "\"}}";
      }
    }
    return out + "]}";
  }

  // batchCreateConnections arguments, 5,000 connections a call.
  std::vector<std::string> ConnectionArgs() {
    std::vector<std::string> rows;
    std::set<std::pair<int, int>> seen;
    for (int id = 1; id <= kThings; ++id) {
      const std::string& type = types_[id - 1];
      if (type == "user" || type == "lesson") continue;
      rows.push_back(Link(1 + Skewed(kUsers), id, "created"));
    }
    while (rows.size() < kConnections) {
      int from = 1 + static_cast<int>(Next() * kThings), to = 1 + static_cast<int>(Next() * kThings);
      if (from != to && seen.emplace(from, to).second) rows.push_back(Link(from, to, "related"));
    }
    std::vector<std::string> calls;
    for (size_t at = 0; at < rows.size(); at += 5000) {
      std::string call = "{" + group_ + ",\"connections\":[";
      for (size_t i = at; i < rows.size() && i < at + 5000; ++i) call += (i == at ? "" : ",") + rows[i];
      calls.push_back(call + "]}");
    }
    return calls;
  }

  // logEvents arguments with `n` events.
  std::string EventArgs(int n) {
    static const char* kTypes[] = {"view", "view", "view", "view", "like", "like", "comment", "share",
                                   "follow", "unfollow", "payment", "refund", "click", "signup", "login", "search",
                                   "download", "rate", "bookmark", "open", "scroll", "purchase_started"};
    constexpr int64_t kDay = 86400000;
    std::string out = "{" + group_ + ",\"events\":[";
    for (int i = 0; i < n; ++i) {
      std::string type = kTypes[static_cast<int>(Next() * 22)];
      // ORDERED=1: events come oldest first, 34.56 s apart (1,000,000 span 400 days), as an app
      // logs them; otherwise at random times over 400 days.
      int64_t ts = now_ - static_cast<int64_t>(Next() * 400 * kDay);
      if (ordered_) ts = now_ - 400 * kDay + 34560 * logged_++;
      out += std::string(i ? "," : "") + "{\"type\":\"" + type + "\",\"ts\":" + std::to_string(ts);
      if (Next() < 0.9) out += ",\"actorId\":" + std::to_string(1 + Skewed(kUsers));
      if (Next() < 0.95) out += ",\"targetId\":" + std::to_string(1 + Skewed(kThings));
      if (type == "payment" || type == "refund") out += ",\"amount\":" + std::to_string(100 + static_cast<int>(Next() * 9900));
      out += "}";
    }
    return out + "]}";
  }

 private:
  double Next() { return (state_ = state_ * 1664525u + 1013904223u) / 4294967296.0; }
  int Skewed(int n) { return static_cast<int>(n * std::pow(Next(), 3)); }
  static std::string Link(int from, int to, const char* type) {
    return "{\"fromId\":" + std::to_string(from) + ",\"toId\":" + std::to_string(to) + ",\"type\":\"" + type + "\"}";
  }

  std::string group_;
  bool ordered_ = std::getenv("ORDERED") != nullptr && std::string(std::getenv("ORDERED")) == "1";
  int64_t logged_ = 0;
  uint32_t state_ = 42;
  std::vector<std::string> types_;
  int64_t now_ = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
};
