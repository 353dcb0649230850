// Migrations: the schema, one SQL script per version. Never edit a shipped step; append one.
#include "store/migrations.h"

#include <string>

#include "store/database.h"
#include "store/statement.h"
#include "store/store_format.h"
#include "store/transaction.h"

namespace edgetally {

namespace {

// Version 1: the data model of DESIGN.md. Times are integer ms UTC; quantities int64.
constexpr const char* kStep1 = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('device_id', lower(hex(randomblob(16))));
INSERT INTO meta (key, value) VALUES ('created_at', CAST(unixepoch('subsec') * 1000 AS INTEGER));

CREATE TABLE groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  plan TEXT NOT NULL,
  plan_overrides TEXT NOT NULL DEFAULT '{}',
  anchor_day INTEGER NOT NULL DEFAULT 1,
  anchor_month INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE plans (id TEXT PRIMARY KEY, definition TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE things (
  id INTEGER PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES groups(id),
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  properties TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX things_by_group_type ON things (group_id, type);

CREATE TABLE connections (
  id INTEGER PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES groups(id),
  from_id INTEGER NOT NULL REFERENCES things(id),
  to_id INTEGER NOT NULL REFERENCES things(id),
  type TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  UNIQUE (group_id, from_id, to_id, type)
);
CREATE INDEX connections_by_to ON connections (to_id, type);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  group_id TEXT NOT NULL,
  type TEXT NOT NULL,
  actor_id INTEGER,
  target_id INTEGER,
  ts INTEGER NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_by_group_ts ON events (group_id, ts);
CREATE INDEX events_by_target_ts ON events (target_id, ts);

-- The usage ledger: append-only. 'add' consumes, 'adjust' corrects a gauge, 'reset' restarts a
-- counter's period. `bucket` is the quota period the record counts in (0 for gauges).
CREATE TABLE usage (
  record_id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('add', 'adjust', 'reset')),
  amount INTEGER NOT NULL,
  period TEXT NOT NULL,
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  synced INTEGER NOT NULL DEFAULT 0,
  metadata TEXT
) WITHOUT ROWID;
CREATE INDEX usage_unsynced ON usage (synced, ts);

-- Derived from `usage` in the same transactions, so a quota check reads one row instead of
-- summing the ledger: per group, metric and bucket, the local total since the last reset and
-- the part of it the server has not acknowledged yet.
CREATE TABLE usage_totals (
  group_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  local_total INTEGER NOT NULL DEFAULT 0,
  unacked INTEGER NOT NULL DEFAULT 0,
  reset_at INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (group_id, metric, bucket)
) WITHOUT ROWID;

-- The server's last known totals for a group (all devices), set by sync.
CREATE TABLE server_totals (
  group_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  value INTEGER NOT NULL,
  as_of INTEGER NOT NULL,
  PRIMARY KEY (group_id, metric, bucket)
) WITHOUT ROWID;

-- The highest alert level already announced per group, metric and bucket.
CREATE TABLE alert_state (
  group_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  level INTEGER NOT NULL,
  PRIMARY KEY (group_id, metric, bucket)
) WITHOUT ROWID;

CREATE TABLE rollups (
  group_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  type TEXT NOT NULL,
  actor_id INTEGER NOT NULL DEFAULT 0,
  target_id INTEGER NOT NULL DEFAULT 0,
  count INTEGER NOT NULL,
  amount INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (group_id, day, type, actor_id, target_id)
) WITHOUT ROWID;

CREATE TABLE archives (
  id INTEGER PRIMARY KEY,
  group_id TEXT NOT NULL,
  from_ts INTEGER NOT NULL,
  to_ts INTEGER NOT NULL,
  event_count INTEGER NOT NULL,
  byte_size INTEGER NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('pending', 'uploaded')),
  body BLOB,
  created_at INTEGER NOT NULL
);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  parked_reason TEXT,
  UNIQUE (kind, ref)
);
)sql";

constexpr const char* kSteps[] = {kStep1};
constexpr int kStepCount = sizeof(kSteps) / sizeof(kSteps[0]);

Status ApplyStep(Database& db, int version) {
  Transaction txn(db);
  ET_RETURN_IF_ERROR(txn.status());
  ET_RETURN_IF_ERROR(db.Exec(kSteps[version - 1]));
  ET_RETURN_IF_ERROR(db.Exec("PRAGMA user_version = " + std::to_string(version)));
  ET_RETURN_IF_ERROR(MarkAsStore(db));
  return txn.Commit();
}

}  // namespace

int LatestSchemaVersion() { return kStepCount; }

Result<int> ReadSchemaVersion(Database& db) {
  // Touching sqlite_schema makes SQLite read and check page 1 and the schema.
  ET_ASSIGN_OR_RETURN(Statement check, db.Prepare("SELECT count(*) FROM sqlite_schema"));
  ET_RETURN_IF_ERROR(check.Step().status());
  ET_ASSIGN_OR_RETURN(Statement version, db.Prepare("PRAGMA user_version"));
  ET_ASSIGN_OR_RETURN(bool has_row, version.Step());
  return has_row ? static_cast<int>(version.ColumnInt(0)) : 0;
}

Status Migrate(Database& db) {
  ET_ASSIGN_OR_RETURN(int version, ReadSchemaVersion(db));
  if (version > kStepCount) {
    return Status(ErrorCode::SchemaTooNew,
                  "the database has schema version " + std::to_string(version) +
                      " but this edgetally knows versions up to " + std::to_string(kStepCount) +
                      "; upgrade edgetally to open it",
                  {{"found", version}, {"supported", kStepCount}});
  }
  for (int next = version + 1; next <= kStepCount; ++next) {
    ET_RETURN_IF_ERROR(ApplyStep(db, next));
  }
  return Status::Ok();
}

}  // namespace edgetally
