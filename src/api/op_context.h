// OpContext: everything an operation may use, handed to it explicitly (operations take an
// OpContext&, never the Engine): the database, the clock, the config snapshots, the event sink
// and the slot of the chunked batch in progress. The Engine owns one per store and routes calls;
// dependencies point one way (engine -> api -> domain modules), and nothing below api/ reads a
// clock or a cache of its own.
//
// Config (the plan catalogue with its thresholds, and the validation rules) is read once and
// handed out as an immutable snapshot (shared_ptr): an operation that changes it calls
// ConfigChanged(), which bumps the generation and drops the cached snapshots, while any holder of
// an older snapshot (a bulk session running across calls) keeps a valid one: no dangling reference.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/answer_cache.h"
#include "common/clock.h"
#include "common/status.h"
#include "model/groups.h"
#include "model/validation_rules.h"
#include "quota/quota_config.h"
#include "store/database.h"

namespace edgetally {

class BulkSession;

using QuotaConfigSnapshot = std::shared_ptr<const QuotaConfig>;
using ValidationRulesSnapshot = std::shared_ptr<const ValidationRules>;

class OpContext {
 public:
  explicit OpContext(Database& db);
  ~OpContext();
  OpContext(const OpContext&) = delete;
  OpContext& operator=(const OpContext&) = delete;

  Database& db() { return db_; }

  // The store's clock (ms UTC): the only one operations read. Tests replace it.
  int64_t Now() const { return clock_ ? clock_() : NowMs(); }
  void SetClock(std::function<int64_t()> clock) { clock_ = std::move(clock); }

  // Checks every page's checksum of the store's file (the Engine's VFS does it): Ok, or
  // CorruptDatabase naming the first damaged page. Ok when no verifier is set (tests).
  Status VerifyPages() const { return verify_pages_ ? verify_pages_() : Status::Ok(); }
  void SetPageVerifier(std::function<Status()> verify) { verify_pages_ = std::move(verify); }

  // The current snapshots, loaded on first use after a change.
  Result<QuotaConfigSnapshot> quota_config();
  Result<ValidationRulesSnapshot> validation_rules();
  // Call after committing a change to plans, thresholds or rules: later reads load afresh.
  void ConfigChanged();
  // How many times the config changed since the store opened.
  uint64_t config_generation() const { return config_generation_; }

  // The group `id` (model/groups.h GetGroup), read from the store once per committed state: a
  // group read outside a transaction is kept until the store's commit count moves (any
  // committed write, whatever it touched), and inside a transaction (which may have changed it)
  // it is always read afresh. Every per-group operation starts here (api/group_scope.h).
  Result<Group> group(const std::string& id);
  // Call right after committing a change that wrote no group row, begun when the commit count
  // was `before`: the groups kept at `before` stay kept (that commit is the only one since).
  void KeepGroupsAcross(uint64_t before);

  // The clock window of the answer being computed (api/answer_cache.h): the engine starts it
  // before a cached operation runs, the quota reads narrow it (GroupScope hands it on).
  void StartAnswerWindow() {
    answer_window_ = {};
    answer_reads_ = {};
  }
  TimeWindow& answer_window() { return answer_window_; }
  // What the cached read running now read, if its operation declares it (api/answer_cache.h).
  AnswerReads& answer_reads() { return answer_reads_; }

  // The last commit of a usage write (api/unit_of_work.h usage_only): the commit count it
  // began at and the group and metric whose usage it changed. The engine takes it after each
  // call that committed, to carry the kept answers it did not change.
  struct UsageCommit {
    uint64_t before = 0;
    std::string group_id;
    Metric metric = Metric::Users;
    std::optional<KnownUsage> known;  // the usage the write left, when it knows it
  };
  void NoteUsageCommit(UsageCommit commit) { usage_commit_ = std::move(commit); }
  std::optional<UsageCommit> TakeUsageCommit() { return std::exchange(usage_commit_, std::nullopt); }

  // The chunked batch or import in progress, if any (see api/bulk_session.h).
  BulkSession* bulk_session() { return bulk_session_.get(); }
  void set_bulk_session(std::unique_ptr<BulkSession> session);

  // Events for the JS side (quota alerts), queued after the change that caused them commits
  // and handed out with the call's reply.
  void Notify(std::vector<nlohmann::json> events);
  std::vector<nlohmann::json> TakeNotifications() { return std::exchange(notifications_, {}); }

  // Bytes a call hands out beside its JSON result (an archive chunk's NDJSON or gzip body):
  // the bindings copy them into a JS Uint8Array instead of escaping them into JSON text.
  void SetResultBytes(std::string bytes) { result_bytes_ = std::move(bytes); }
  std::optional<std::string> TakeResultBytes() { return std::exchange(result_bytes_, std::nullopt); }

 private:
  Database& db_;
  std::function<int64_t()> clock_;
  std::function<Status()> verify_pages_;
  QuotaConfigSnapshot quota_config_;
  ValidationRulesSnapshot validation_rules_;
  uint64_t config_generation_ = 0;
  TimeWindow answer_window_;
  AnswerReads answer_reads_;
  std::optional<UsageCommit> usage_commit_;
  struct KeptGroups {
    uint64_t commits = 0;
    std::vector<Group> groups;  // a few: a dashboard's groups
  } kept_groups_;
  std::unique_ptr<BulkSession> bulk_session_;
  std::vector<nlohmann::json> notifications_;
  std::optional<std::string> result_bytes_;
};

}  // namespace edgetally
