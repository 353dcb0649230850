// ArchivePolicy: rows of archive_settings (one) and archive_groups (one per group that ran or
// has a policy).
#include "archive/archive_policy.h"

#include <algorithm>
#include <cstdio>

#include "store/database.h"
#include "store/statement.h"

namespace edgetally {

namespace {

std::optional<int64_t> OptionalInt(const Statement& row, int column) {
  if (row.ColumnIsNull(column)) return std::nullopt;
  return row.ColumnInt(column);
}

void BindOptional(Statement& stmt, int index, std::optional<int64_t> value) {
  if (value) stmt.Bind(index, *value);
  else stmt.BindNull(index);
}

Status EnsureGroupRow(Database& db, const std::string& group_id) {
  ET_ASSIGN_OR_RETURN(Statement * insert, db.Cached("INSERT OR IGNORE INTO archive_groups (group_id) VALUES (?1)"));
  insert->Bind(1, group_id);
  return insert->Run();
}

}  // namespace

Result<ArchivalSettings> LoadSettings(Database& db) {
  ET_ASSIGN_OR_RETURN(Statement row, db.Prepare("SELECT daily_at_ms, keep_uploaded_days, configured_at, "
                                                "last_daily_run_at FROM archive_settings WHERE id = 1"));
  ET_ASSIGN_OR_RETURN(bool found, row.Step());
  ArchivalSettings settings;
  if (!found) return settings;
  settings.daily_at_ms = OptionalInt(row, 0);
  settings.keep_uploaded_days = row.ColumnInt(1);
  settings.configured_at = row.ColumnInt(2);
  settings.last_daily_run_at = OptionalInt(row, 3);
  return settings;
}

Status SaveSettings(Database& db, const ArchivalSettings& settings) {
  ET_ASSIGN_OR_RETURN(Statement save, db.Prepare("INSERT OR REPLACE INTO archive_settings (id, daily_at_ms, "
                                                 "keep_uploaded_days, configured_at, last_daily_run_at) "
                                                 "VALUES (1, ?1, ?2, ?3, ?4)"));
  BindOptional(save, 1, settings.daily_at_ms);
  save.Bind(2, settings.keep_uploaded_days).Bind(3, settings.configured_at);
  BindOptional(save, 4, settings.last_daily_run_at);
  return save.Run();
}

int64_t LastScheduledAt(int64_t now, int64_t daily_at_ms) {
  int64_t today = now - ((now % kDayMs) + kDayMs) % kDayMs + daily_at_ms;
  return today <= now ? today : today - kDayMs;
}

int64_t NextScheduledAfter(int64_t now, int64_t daily_at_ms) { return LastScheduledAt(now, daily_at_ms) + kDayMs; }

bool DailyRunDue(const ArchivalSettings& settings, int64_t now) {
  if (!settings.daily_at_ms) return false;
  int64_t since = std::max(settings.configured_at, settings.last_daily_run_at.value_or(0));
  return LastScheduledAt(now, *settings.daily_at_ms) > since;
}

Result<int64_t> ResolveDaysCutoff(std::optional<int64_t> requested, const GroupArchival& group,
                                  std::optional<int64_t> retention_days) {
  if (requested && retention_days && *requested > *retention_days) {
    return Status(ErrorCode::InvalidArgument,
                  "daysCutoff " + std::to_string(*requested) + " is above the group's plan retention of " +
                      std::to_string(*retention_days) + " days (events_retention_days)",
                  {{"field", "daysCutoff"}, {"rule", "plan_retention"}, {"max", *retention_days}});
  }
  if (requested) return *requested;
  int64_t days = group.days_cutoff.value_or(kDefaultDaysCutoff);
  return retention_days ? std::min(days, *retention_days) : days;
}

Result<GroupArchival> LoadGroupArchival(Database& db, const std::string& group_id) {
  ET_ASSIGN_OR_RETURN(Statement * row, db.Cached("SELECT days_cutoff, last_run_at, last_outcome, last_error, "
                                                 "last_archived, events_archived FROM archive_groups WHERE group_id = ?1"));
  row->Bind(1, group_id);
  Result<bool> found = row->Step();
  GroupArchival group;
  if (found.ok() && found.value()) {
    group.days_cutoff = OptionalInt(*row, 0);
    group.last_run_at = OptionalInt(*row, 1);
    group.last_outcome = row->ColumnText(2);
    group.last_error = row->ColumnText(3);
    group.last_archived = row->ColumnInt(4);
    group.events_archived = row->ColumnInt(5);
  }
  row->Reset();
  if (!found.ok()) return found.status();
  return group;
}

Status SaveDaysCutoff(Database& db, const std::string& group_id, std::optional<int64_t> days) {
  ET_RETURN_IF_ERROR(EnsureGroupRow(db, group_id));
  ET_ASSIGN_OR_RETURN(Statement save, db.Prepare("UPDATE archive_groups SET days_cutoff = ?2 WHERE group_id = ?1"));
  save.Bind(1, group_id);
  BindOptional(save, 2, days);
  return save.Run();
}

Status AddArchived(Database& db, const std::string& group_id, int64_t archived) {
  ET_RETURN_IF_ERROR(EnsureGroupRow(db, group_id));
  ET_ASSIGN_OR_RETURN(Statement * add, db.Cached("UPDATE archive_groups SET events_archived = events_archived + ?2 "
                                                 "WHERE group_id = ?1"));
  add->Bind(1, group_id).Bind(2, archived);
  return add->Run();
}

Status RecordRun(Database& db, const std::string& group_id, int64_t now, const std::string& outcome,
                 const std::string& error, int64_t archived) {
  ET_RETURN_IF_ERROR(EnsureGroupRow(db, group_id));
  ET_ASSIGN_OR_RETURN(Statement save, db.Prepare("UPDATE archive_groups SET last_run_at = ?2, last_outcome = ?3, "
                                                 "last_error = ?4, last_archived = ?5 WHERE group_id = ?1"));
  save.Bind(1, group_id).Bind(2, now).Bind(3, outcome).Bind(4, error).Bind(5, archived);
  return save.Run();
}

std::optional<int64_t> ParseTimeOfDay(const std::string& text) {
  int h = -1, m = -1, s = 0;
  char tail = 0;
  int n = std::sscanf(text.c_str(), "%2d:%2d:%2d%c", &h, &m, &s, &tail);
  bool shape = (n == 2 && text.size() == 5) || (n == 3 && text.size() == 8);
  if (!shape || h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
  return ((h * 60 + m) * 60 + s) * int64_t{1000};
}

std::string FormatTimeOfDay(int64_t ms) {
  char buffer[16];
  int64_t seconds = ms / 1000;
  std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", static_cast<int>(seconds / 3600),
                static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
  return buffer;
}

}  // namespace edgetally
