// Target aggregates: target_totals, target_revenue_days, creator_totals, creator_revenue_days
// and follow_state. A 'created' connection added later brings the content's history along
// (the creator_link trigger), so creator totals never depend on the order of writes.
#include <map>

#include "metrics/aggregates.h"
#include "metrics/metric_time.h"
#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {
constexpr const char* kAddTarget =
    "INSERT INTO target_totals (target_id, views, likes, comments, shares, revenue) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE SET views = views + excluded.views, "
    "likes = likes + excluded.likes, comments = comments + excluded.comments, "
    "shares = shares + excluded.shares, revenue = revenue + excluded.revenue";
constexpr const char* kAddTargetRevenue =
    "INSERT INTO target_revenue_days (target_id, day, amount) VALUES (?1, ?2, ?3) "
    "ON CONFLICT DO UPDATE SET amount = amount + excluded.amount";
constexpr const char* kCreators = "SELECT from_id FROM connections WHERE to_id = ?1 AND type = 'created'";
constexpr const char* kAddCreator =
    "INSERT INTO creator_totals (creator_id, views, likes, comments, revenue) "
    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO UPDATE SET views = views + excluded.views, "
    "likes = likes + excluded.likes, comments = comments + excluded.comments, "
    "revenue = revenue + excluded.revenue";
constexpr const char* kAddCreatorRevenue =
    "INSERT INTO creator_revenue_days (creator_id, day, amount) VALUES (?1, ?2, ?3) "
    "ON CONFLICT DO UPDATE SET amount = amount + excluded.amount";
constexpr const char* kReadFollow = "SELECT ts, following FROM follow_state WHERE target_id = ?1 AND actor_id = ?2";
constexpr const char* kWriteFollow =
    "INSERT INTO follow_state (target_id, actor_id, ts, following) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT DO UPDATE SET ts = excluded.ts, following = excluded.following";
constexpr const char* kAddFollowers =
    "INSERT INTO target_totals (target_id, followers) VALUES (?1, ?2) "
    "ON CONFLICT DO UPDATE SET followers = followers + excluded.followers";

struct Totals {
  int64_t views = 0, likes = 0, comments = 0, shares = 0, revenue = 0;
  std::map<int64_t, int64_t> revenue_days;
};

void Fold(const LoggedEvent& e, Totals* t) {
  if (e.type == "view") ++t->views;
  else if (e.type == "like") ++t->likes;
  else if (e.type == "comment") ++t->comments;
  else if (e.type == "share") ++t->shares;
  else if (e.type == "payment") {
    t->revenue += e.amount.value_or(0);
    t->revenue_days[DayOf(e.ts)] += e.amount.value_or(0);
  }
}

Status AddToCreators(Database& db, int64_t target, const Totals& t) {
  if (t.views == 0 && t.likes == 0 && t.comments == 0 && t.revenue == 0) return Status::Ok();
  ET_ASSIGN_OR_RETURN(Statement * creators, db.Cached(kCreators));
  creators->Bind(1, target);
  std::vector<int64_t> ids;
  for (;;) {
    ET_ASSIGN_OR_RETURN(bool row, creators->Step());
    if (!row) break;
    ids.push_back(creators->ColumnInt(0));
  }
  creators->Reset();
  ET_ASSIGN_OR_RETURN(Statement * add, db.Cached(kAddCreator));
  ET_ASSIGN_OR_RETURN(Statement * add_day, db.Cached(kAddCreatorRevenue));
  for (int64_t creator : ids) {
    add->Bind(1, creator).Bind(2, t.views).Bind(3, t.likes).Bind(4, t.comments).Bind(5, t.revenue);
    ET_RETURN_IF_ERROR(add->Run());
    for (const auto& [day, amount] : t.revenue_days) {
      add_day->Bind(1, creator).Bind(2, day).Bind(3, amount);
      ET_RETURN_IF_ERROR(add_day->Run());
    }
  }
  return Status::Ok();
}
}  // namespace

Status AddTargetAggregates(const AggregateScope& scope, const std::vector<LoggedEvent>& events) {
  std::map<int64_t, Totals> per_target;
  for (const LoggedEvent& e : events) {
    if (e.target_id != 0) Fold(e, &per_target[e.target_id]);
  }
  ET_ASSIGN_OR_RETURN(Statement * add, scope.db.Cached(kAddTarget));
  ET_ASSIGN_OR_RETURN(Statement * add_day, scope.db.Cached(kAddTargetRevenue));
  for (const auto& [target, t] : per_target) {
    if (t.views == 0 && t.likes == 0 && t.comments == 0 && t.shares == 0 && t.revenue == 0) continue;
    add->Bind(1, target).Bind(2, t.views).Bind(3, t.likes).Bind(4, t.comments).Bind(5, t.shares).Bind(6, t.revenue);
    ET_RETURN_IF_ERROR(add->Run());
    for (const auto& [day, amount] : t.revenue_days) {
      add_day->Bind(1, target).Bind(2, day).Bind(3, amount);
      ET_RETURN_IF_ERROR(add_day->Run());
    }
    ET_RETURN_IF_ERROR(AddToCreators(scope.db, target, t));
  }
  return Status::Ok();
}

Status AddFollows(const AggregateScope& scope, const std::vector<LoggedEvent>& events) {
  struct State { int64_t ts; bool following; bool stored_following; bool changed; };
  std::map<std::pair<int64_t, int64_t>, State> states;  // (target, actor)
  ET_ASSIGN_OR_RETURN(Statement * read, scope.db.Cached(kReadFollow));
  for (const LoggedEvent& e : events) {  // in id order: a later row wins a tie on ts
    bool follow = e.type == "follow";
    if ((!follow && e.type != "unfollow") || e.actor_id == 0 || e.target_id == 0) continue;
    auto key = std::make_pair(e.target_id, e.actor_id);
    auto it = states.find(key);
    if (it == states.end()) {
      read->Bind(1, key.first).Bind(2, key.second);
      ET_ASSIGN_OR_RETURN(bool found, read->Step());
      State s{found ? read->ColumnInt(0) : INT64_MIN, found && read->ColumnInt(1) != 0, false, false};
      s.stored_following = s.following;
      read->Reset();
      it = states.emplace(key, s).first;
    }
    if (e.ts < it->second.ts) continue;
    it->second = State{e.ts, follow, it->second.stored_following, true};
  }
  ET_ASSIGN_OR_RETURN(Statement * write, scope.db.Cached(kWriteFollow));
  std::map<int64_t, int64_t> follower_changes;
  for (const auto& [key, s] : states) {
    if (!s.changed) continue;
    write->Bind(1, key.first).Bind(2, key.second).Bind(3, s.ts).Bind(4, int64_t{s.following});
    ET_RETURN_IF_ERROR(write->Run());
    follower_changes[key.first] += int64_t{s.following} - int64_t{s.stored_following};
  }
  ET_ASSIGN_OR_RETURN(Statement * add, scope.db.Cached(kAddFollowers));
  for (const auto& [target, change] : follower_changes) {
    if (change == 0) continue;
    add->Bind(1, target).Bind(2, change);
    ET_RETURN_IF_ERROR(add->Run());
  }
  return Status::Ok();
}

}  // namespace edgetally
