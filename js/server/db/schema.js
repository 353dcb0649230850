// Schema: the reference server's tables and their numbered migrations, one list for both
// backends (the SQL below is the common subset of SQLite and PostgreSQL). Never edit a shipped
// step; append one. Applied versions are kept in edgetally_schema.
//   usage_records: every record ever accepted; the primary key (group, record id) is what makes
//                  delivery exactly-once, in one process or many.
//   usage_totals:  per group, metric and bucket, the sum since the bucket's latest reset.
export const MIGRATIONS = Object.freeze([
  {
    version: 1,
    name: 'usage records, totals, group plans, archive chunks',
    sql: [
      `CREATE TABLE usage_records (
        group_id TEXT NOT NULL, record_id TEXT NOT NULL, source TEXT NOT NULL, metric TEXT NOT NULL,
        kind TEXT NOT NULL, amount BIGINT NOT NULL, period TEXT NOT NULL, period_start BIGINT NOT NULL,
        period_end BIGINT NOT NULL, bucket BIGINT NOT NULL, ts BIGINT NOT NULL, received_at BIGINT NOT NULL,
        PRIMARY KEY (group_id, record_id))`,
      `CREATE TABLE usage_totals (
        group_id TEXT NOT NULL, metric TEXT NOT NULL, bucket BIGINT NOT NULL,
        value BIGINT NOT NULL DEFAULT 0, reset_at BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (group_id, metric, bucket))`,
      `CREATE TABLE group_plans (group_id TEXT PRIMARY KEY, plan TEXT NOT NULL, updated_at BIGINT NOT NULL)`,
      `CREATE TABLE archive_chunks (
        group_id TEXT NOT NULL, sha256 TEXT NOT NULL, byte_size BIGINT NOT NULL, event_count BIGINT,
        from_ts BIGINT, to_ts BIGINT, stored_at BIGINT NOT NULL, PRIMARY KEY (group_id, sha256))`,
    ],
  },
]);

export const SCHEMA_TABLE = `CREATE TABLE IF NOT EXISTS edgetally_schema (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`;

export const RECORD_COLUMNS =
  'group_id, record_id, source, metric, kind, amount, period, period_start, period_end, bucket, ts, received_at';
