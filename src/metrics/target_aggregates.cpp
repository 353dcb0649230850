// Target aggregates: target_totals, target_revenue_days, creator_totals, creator_revenue_days
// and follow_state. A 'created' connection added later brings the content's history along
// (the creator_link trigger), so creator totals never depend on the order of writes.
#include <algorithm>
#include <climits>
#include <map>
#include <utility>
#include <vector>

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
  std::vector<std::pair<int64_t, int64_t>> revenue_days;  // (day, amount), days ascending
};

// An event that moves a target's totals: (target, day, kind, amount), sorted by target then day.
struct Hit {
  int64_t target, day;
  EventKind kind;
  int64_t amount;
  bool operator<(const Hit& o) const { return target != o.target ? target < o.target : day < o.day; }
};

void Fold(const Hit& hit, Totals* t) {
  switch (hit.kind) {
    case EventKind::View: ++t->views; break;
    case EventKind::Like: ++t->likes; break;
    case EventKind::Comment: ++t->comments; break;
    case EventKind::Share: ++t->shares; break;
    case EventKind::Payment:
      t->revenue += hit.amount;
      if (t->revenue_days.empty() || t->revenue_days.back().first != hit.day) t->revenue_days.emplace_back(hit.day, 0);
      t->revenue_days.back().second += hit.amount;
      break;
    default: break;
  }
}

bool Moves(EventKind kind) {
  return kind == EventKind::View || kind == EventKind::Like || kind == EventKind::Comment ||
         kind == EventKind::Share || kind == EventKind::Payment;
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

Status AddTargetAggregates(const AggregateScope& scope, const StoredEvents& events) {
  std::vector<Hit> hits;
  hits.reserve(events.size());
  for (const StoredEvent& e : events) {
    if (e.target_id != 0 && Moves(e.kind)) hits.push_back(Hit{e.target_id, DayOf(e.ts), e.kind, e.amount});
  }
  std::sort(hits.begin(), hits.end());
  ET_ASSIGN_OR_RETURN(Statement * add, scope.db.Cached(kAddTarget));
  ET_ASSIGN_OR_RETURN(Statement * add_day, scope.db.Cached(kAddTargetRevenue));
  for (size_t at = 0; at < hits.size();) {
    int64_t target = hits[at].target;
    Totals t;
    for (; at < hits.size() && hits[at].target == target; ++at) Fold(hits[at], &t);
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

Status AddFollows(const AggregateScope& scope, const StoredEvents& events) {
  struct Follow {
    int64_t target, actor;
    size_t at;  // position in id order, which is (ts, id) order
    bool operator<(const Follow& o) const {
      return target != o.target ? target < o.target : actor != o.actor ? actor < o.actor : at < o.at;
    }
  };
  std::vector<Follow> follows;
  for (size_t at = 0; at < events.size(); ++at) {
    const StoredEvent& e = events[at];
    bool follow = e.kind == EventKind::Follow;
    if ((!follow && e.kind != EventKind::Unfollow) || e.actor_id == 0 || e.target_id == 0) continue;
    follows.push_back(Follow{e.target_id, e.actor_id, at});
  }
  std::sort(follows.begin(), follows.end());
  ET_ASSIGN_OR_RETURN(Statement * read, scope.db.Cached(kReadFollow));
  ET_ASSIGN_OR_RETURN(Statement * write, scope.db.Cached(kWriteFollow));
  std::map<int64_t, int64_t> follower_changes;
  for (size_t i = 0; i < follows.size(); ++i) {
    const Follow& f = follows[i];
    if (i + 1 < follows.size() && follows[i + 1].target == f.target && follows[i + 1].actor == f.actor) continue;
    // The pair's last event in (ts, id) order decides, unless the stored state is later.
    const StoredEvent& last = events[f.at];
    read->Bind(1, f.target).Bind(2, f.actor);
    ET_ASSIGN_OR_RETURN(bool found, read->Step());
    int64_t stored_ts = found ? read->ColumnInt(0) : INT64_MIN;
    bool stored_following = found && read->ColumnInt(1) != 0;
    read->Reset();
    if (last.ts < stored_ts) continue;
    bool following = last.kind == EventKind::Follow;
    write->Bind(1, f.target).Bind(2, f.actor).Bind(3, last.ts).Bind(4, int64_t{following});
    ET_RETURN_IF_ERROR(write->Run());
    follower_changes[f.target] += int64_t{following} - int64_t{stored_following};
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
