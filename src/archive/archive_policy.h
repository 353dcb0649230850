// ArchivePolicy: when and how far archival runs. Per group: the retention in days (events
// older than it are archived; default min(365, the plan's events_retention_days), never above
// the plan's), and the last run with its outcome. Per store: the daily run's UTC time of day
// (off until configured), how long uploaded chunks keep their bodies, and when the daily run
// last ran, from which a run missed while the store was closed is found (catch-up on open).
// Tables archive_groups and archive_settings (store/migrations.cpp, step "archive").
#pragma once

#include <cstdint>
#include <optional>
#include <string>


#include "common/status.h"

namespace edgetally {

class Database;

constexpr int64_t kDayMs = 86400000;
constexpr int64_t kDefaultDaysCutoff = 365;

struct ArchivalSettings {
  std::optional<int64_t> daily_at_ms;  // ms after UTC midnight; empty: no daily run
  int64_t keep_uploaded_days = 30;     // bodies of uploaded chunks are dropped after this
  int64_t configured_at = 0;           // when the schedule was last set
  std::optional<int64_t> last_daily_run_at;
};

struct GroupArchival {
  std::optional<int64_t> days_cutoff;  // set by setArchivalPolicy; empty: the default
  std::optional<int64_t> last_run_at;
  std::string last_outcome;            // "", "ok", "aborted", "error"
  std::string last_error;
  int64_t last_archived = 0, events_archived = 0;
};

Result<ArchivalSettings> LoadSettings(Database& db);
Status SaveSettings(Database& db, const ArchivalSettings& settings);

// The latest scheduled instant at or before `now`, and the first one after it.
int64_t LastScheduledAt(int64_t now, int64_t daily_at_ms);
int64_t NextScheduledAfter(int64_t now, int64_t daily_at_ms);
// Whether a daily run is owed: the schedule is on and its latest instant passed after both
// the last daily run and the time the schedule was configured.
bool DailyRunDue(const ArchivalSettings& settings, int64_t now);

// The cutoff in days a run uses: `requested` if given, else the group's stored one, else
// min(365, retention). `retention_days` is the plan's events_retention_days (empty:
// unlimited). InvalidArgument (field daysCutoff, rule plan_retention) above it.
Result<int64_t> ResolveDaysCutoff(std::optional<int64_t> requested, const GroupArchival& group,
                                  std::optional<int64_t> retention_days);

Result<GroupArchival> LoadGroupArchival(Database& db, const std::string& group_id);
Status SaveDaysCutoff(Database& db, const std::string& group_id, std::optional<int64_t> days);
// Adds `archived` events to the group's total (with each committed chunk).
Status AddArchived(Database& db, const std::string& group_id, int64_t archived);
// Records a run's end: outcome ok/aborted/error, its error message, events it archived.
Status RecordRun(Database& db, const std::string& group_id, int64_t now, const std::string& outcome,
                 const std::string& error, int64_t archived);

// "HH:MM" or "HH:MM:SS" (UTC) to ms after midnight, and back.
std::optional<int64_t> ParseTimeOfDay(const std::string& text);
std::string FormatTimeOfDay(int64_t ms);

}  // namespace edgetally
