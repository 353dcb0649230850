// Migrations: the schema, one SQL script per version. Never edit a shipped step; append one.
#include "store/migrations.h"

#include <string>

#include "store/database.h"
#include "store/event_steps.h"
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

// Sync's dead letters: records the server refused for good, with its reason, parked (usage.synced
// = 2) until the app retries or discards them, so they never block the queue.
constexpr const char* kStepSyncDeadLetters = R"sql(
CREATE TABLE sync_dead_letters (
  group_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  parked_at INTEGER NOT NULL,
  PRIMARY KEY (group_id, record_id)
) WITHOUT ROWID;
)sql";

// Computed metrics (src/metrics): logged events carry an amount (minor units) and a currency,
// and the aggregates every metric reads are maintained in the same transaction as the events.
// Aggregates never lose an event's contribution when the event row is archived. Tables named
// *_recent hold only the last kMetricDetailDays days (the window boundaries need ms detail).
constexpr const char* kStepMetricAggregates = R"sql(
ALTER TABLE events ADD COLUMN amount INTEGER;
ALTER TABLE events ADD COLUMN currency TEXT;
CREATE INDEX connections_by_from ON connections (from_id, type);

-- Entities (maintained by model/things, thing_updates, connections).
CREATE TABLE group_entity_stats (
  group_id TEXT NOT NULL, type TEXT NOT NULL,
  things INTEGER NOT NULL, property_bytes INTEGER NOT NULL,
  PRIMARY KEY (group_id, type)) WITHOUT ROWID;
INSERT INTO group_entity_stats
  SELECT group_id, type, count(*), sum(length(CAST(properties AS BLOB))) FROM things GROUP BY 1, 2;
CREATE TABLE group_connection_stats (
  group_id TEXT PRIMARY KEY, connections INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO group_connection_stats SELECT group_id, count(*) FROM connections GROUP BY 1;

-- Per group: the engagement window's first day; global: the first day detail is kept for.
CREATE TABLE metric_groups (group_id TEXT PRIMARY KEY, window_day INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE metric_state (id INTEGER PRIMARY KEY CHECK (id = 1), detail_day INTEGER NOT NULL);
INSERT INTO metric_state VALUES (1, 0);

-- Logged events per group and UTC day (all time), per hour and per ms (recent).
CREATE TABLE metric_days (group_id TEXT NOT NULL, day INTEGER NOT NULL, events INTEGER NOT NULL,
  revenue INTEGER NOT NULL, PRIMARY KEY (group_id, day)) WITHOUT ROWID;
CREATE TABLE metric_hours_recent (hour INTEGER NOT NULL, group_id TEXT NOT NULL,
  events INTEGER NOT NULL, PRIMARY KEY (hour, group_id)) WITHOUT ROWID;
CREATE TABLE metric_times_recent (ts INTEGER NOT NULL, group_id TEXT NOT NULL,
  events INTEGER NOT NULL, PRIMARY KEY (ts, group_id)) WITHOUT ROWID;

-- Actors: the latest event of each (all time), how many actors' latest event fell on each
-- day, and each actor's latest event per day (recent).
CREATE TABLE actor_last (actor_id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, last_ts INTEGER NOT NULL);
CREATE INDEX actor_last_by_group_ts ON actor_last (group_id, last_ts);
CREATE TABLE actor_last_days (group_id TEXT NOT NULL, day INTEGER NOT NULL, actors INTEGER NOT NULL,
  PRIMARY KEY (group_id, day)) WITHOUT ROWID;
CREATE TABLE actor_days_recent (day INTEGER NOT NULL, actor_id INTEGER NOT NULL, last_ts INTEGER NOT NULL,
  PRIMARY KEY (day, actor_id)) WITHOUT ROWID;

-- Targets: all-time totals, payments per day, follow state; creators: the same summed over
-- their content (things they link to with a 'created' connection).
CREATE TABLE target_totals (target_id INTEGER PRIMARY KEY, views INTEGER NOT NULL DEFAULT 0,
  likes INTEGER NOT NULL DEFAULT 0, comments INTEGER NOT NULL DEFAULT 0,
  shares INTEGER NOT NULL DEFAULT 0, revenue INTEGER NOT NULL DEFAULT 0,
  followers INTEGER NOT NULL DEFAULT 0);
CREATE TABLE target_revenue_days (target_id INTEGER NOT NULL, day INTEGER NOT NULL,
  amount INTEGER NOT NULL, PRIMARY KEY (target_id, day)) WITHOUT ROWID;
CREATE TABLE follow_state (target_id INTEGER NOT NULL, actor_id INTEGER NOT NULL,
  ts INTEGER NOT NULL, following INTEGER NOT NULL, PRIMARY KEY (target_id, actor_id)) WITHOUT ROWID;
CREATE TABLE creator_totals (creator_id INTEGER PRIMARY KEY, views INTEGER NOT NULL DEFAULT 0,
  likes INTEGER NOT NULL DEFAULT 0, comments INTEGER NOT NULL DEFAULT 0,
  revenue INTEGER NOT NULL DEFAULT 0);
CREATE TABLE creator_revenue_days (creator_id INTEGER NOT NULL, day INTEGER NOT NULL,
  amount INTEGER NOT NULL, PRIMARY KEY (creator_id, day)) WITHOUT ROWID;
-- A new 'created' link adds the content's history to its creator, whoever writes the row.
CREATE TRIGGER creator_link AFTER INSERT ON connections WHEN NEW.type = 'created' BEGIN
  INSERT INTO creator_totals (creator_id, views, likes, comments, revenue)
    SELECT NEW.from_id, views, likes, comments, revenue FROM target_totals WHERE target_id = NEW.to_id
    ON CONFLICT DO UPDATE SET views = views + excluded.views, likes = likes + excluded.likes,
      comments = comments + excluded.comments, revenue = revenue + excluded.revenue;
  INSERT INTO creator_revenue_days (creator_id, day, amount)
    SELECT NEW.from_id, day, amount FROM target_revenue_days WHERE target_id = NEW.to_id
    ON CONFLICT DO UPDATE SET amount = amount + excluded.amount;
END;

-- Engagement (view 1, like 3, share 4, comment 5): per day and target, per ms and target
-- (recent), and each target's sum over the days from metric_groups.window_day on.
CREATE TABLE engagement_days_recent (day INTEGER NOT NULL, group_id TEXT NOT NULL,
  target_id INTEGER NOT NULL, score INTEGER NOT NULL,
  PRIMARY KEY (day, group_id, target_id)) WITHOUT ROWID;
CREATE TABLE engagement_times_recent (day INTEGER NOT NULL, target_id INTEGER NOT NULL,
  ts INTEGER NOT NULL, score INTEGER NOT NULL, PRIMARY KEY (day, target_id, ts)) WITHOUT ROWID;
CREATE TABLE engagement_window (target_id INTEGER PRIMARY KEY, group_id TEXT NOT NULL,
  score INTEGER NOT NULL);
CREATE INDEX engagement_window_rank ON engagement_window (group_id, score DESC, target_id);
)sql";

// Usage record ids are scoped to their group (an idempotency key per tenant): the same id in
// two groups is two records. The ledger is rebuilt with the key (group_id, record_id); every
// record, its synced state and the derived totals are kept as they are.
constexpr const char* kStepUsageRecordScope = R"sql(
CREATE TABLE usage_scoped (
  group_id TEXT NOT NULL,
  record_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('add', 'adjust', 'reset')),
  amount INTEGER NOT NULL,
  period TEXT NOT NULL,
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  synced INTEGER NOT NULL DEFAULT 0,
  metadata TEXT,
  PRIMARY KEY (group_id, record_id)
) WITHOUT ROWID;
INSERT INTO usage_scoped (group_id, record_id, metric, kind, amount, period, period_start,
                          period_end, bucket, ts, synced, metadata)
  SELECT group_id, record_id, metric, kind, amount, period, period_start, period_end, bucket, ts,
         synced, metadata FROM usage;
DROP TABLE usage;
ALTER TABLE usage_scoped RENAME TO usage;
CREATE INDEX usage_unsynced ON usage (synced, ts);
CREATE INDEX usage_by_record ON usage (record_id);
)sql";

// Archival (src/archive owns these tables): when each chunk was confirmed uploaded (retention
// drops bodies after a while, metadata stays), the indexes sync and status read, per-group
// retention and last run, and the store's daily schedule (off until configured). The events
// table is unchanged.
constexpr const char* kStepArchive = R"sql(
ALTER TABLE archives ADD COLUMN uploaded_at INTEGER;
CREATE INDEX archives_by_state ON archives (state, id);
CREATE INDEX archives_by_group ON archives (group_id, id);
CREATE TABLE archive_groups (
  group_id TEXT PRIMARY KEY,
  days_cutoff INTEGER,
  last_run_at INTEGER,
  last_outcome TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  last_archived INTEGER NOT NULL DEFAULT 0,
  events_archived INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE archive_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  daily_at_ms INTEGER,
  keep_uploaded_days INTEGER NOT NULL DEFAULT 30,
  configured_at INTEGER NOT NULL DEFAULT 0,
  last_daily_run_at INTEGER
);
INSERT INTO archive_settings (id) VALUES (1);
)sql";

// Event layout for archival and bulk loads (src/metrics/activity.cpp and src/archive own the
// reads): the per-target index leads with the event's week (ts / 604800000, see
// metrics/metric_time.h kActivityBucketMs), so an index insert of an event logged now lands in
// the current week's small subtree instead of a random page of the whole index, and archiving a
// time range deletes contiguous index pages. The events table itself is unchanged: its rowid
// grows with logging order, which is time order for events logged as they happen.
constexpr const char* kStepEventLayout = R"sql(
DROP INDEX events_by_target_ts;
CREATE INDEX events_by_target_week ON events (ts / 604800000, target_id, ts);
)sql";

// The sync outbox (src/usage owns it, beside the ledger; src/sync reads it): one row per record
// the server has not acknowledged, written in the transaction that appends the record, keyed
// (group, ts, record id) in the order sync reads it, and carrying what the record's event needs,
// so reading a batch and acknowledging it (a key range deleted in one statement) touch only this
// table, never the ledger's rows. A record is pending exactly when it has a row here;
// usage.synced now tells only parked (2) and discarded (3) records apart (0 or, written before
// this step, 1 otherwise). The (synced, ts) index pending reads used is no longer needed.
constexpr const char* kStepUsageOutbox = R"sql(
CREATE TABLE usage_outbox (
  group_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  record_id TEXT NOT NULL,
  metric TEXT NOT NULL,
  kind TEXT NOT NULL,
  amount INTEGER NOT NULL,
  period TEXT NOT NULL,
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  PRIMARY KEY (group_id, ts, record_id)
) WITHOUT ROWID;
INSERT INTO usage_outbox (group_id, ts, record_id, metric, kind, amount, period, period_start, period_end, bucket)
  SELECT group_id, ts, record_id, metric, kind, amount, period, period_start, period_end, bucket
  FROM usage WHERE synced = 0;
DROP INDEX usage_unsynced;
)sql";

// Creator stats' activeDays30 (src/metrics/windows.cpp) reads one actor's recent days as one
// range of this index instead of one seek per day of the 30 (a recursive CTE whose temporary
// table cost more than the rest of getCreatorStats).
constexpr const char* kStepActorDaysIndex = R"sql(
CREATE INDEX actor_days_recent_by_actor ON actor_days_recent (actor_id, day);
)sql";

constexpr const char* kSteps[] = {kStep1, kStepSyncDeadLetters, kStepMetricAggregates, kStepUsageRecordScope, kStepArchive,
                                  kStepEventLayout, kStepUsageOutbox, kStepActorDaysIndex, kStepEventIds,
                                  kStepEventRows};
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

const char* SchemaStepSql(int version) {
  return version >= 1 && version <= kStepCount ? kSteps[version - 1] : nullptr;
}

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
