// SQLite backend (better-sqlite3, loaded only when a SQLite database is used): one file, WAL,
// full sync on commit (an acknowledged record survives a crash and a power cut). Transactions
// run one at a time in this process (a promise chain), since the ingest code awaits between
// statements and the connection is shared.
import { MIGRATIONS, RECORD_COLUMNS, SCHEMA_TABLE } from './schema.js';

async function loadDriver() {
  try {
    return (await import('better-sqlite3')).default;
  } catch (error) {
    throw new Error(`the SQLite backend needs the package better-sqlite3 (npm install better-sqlite3): ${error.message}`);
  }
}

function migrate(db) {
  db.exec(SCHEMA_TABLE);
  const applied = new Set(db.prepare('SELECT version FROM edgetally_schema').all().map((row) => row.version));
  for (const step of MIGRATIONS) {
    if (applied.has(step.version)) continue;
    db.transaction(() => {
      for (const sql of step.sql) db.exec(sql);
      db.prepare('INSERT INTO edgetally_schema (version, name, applied_at) VALUES (?, ?, ?)').run(step.version, step.name, Date.now());
    })();
  }
}

class SqliteTx {
  constructor(statements) {
    this.s = statements;
  }

  insertRecords(groupId, records, now) {
    const inserted = new Set();
    for (const r of records) {
      const info = this.s.insert.run(groupId, r.id, r.source, r.metric, r.kind, r.amount, r.period, r.periodStart, r.periodEnd, r.bucket, r.ts, now);
      if (info.changes === 1) inserted.add(r.id);
    }
    return inserted;
  }

  existingRecords(groupId, ids) {
    const found = new Map();
    for (const id of ids) {
      const row = this.s.existing.get(groupId, id);
      if (row) found.set(id, row);
    }
    return found;
  }

  lockTotals(groupId, keys) {
    return keys.map(({ metric, bucket }) => {
      this.s.ensureTotal.run(groupId, metric, bucket);
      return this.s.readTotal.get(groupId, metric, bucket);
    });
  }

  sumSince(groupId, metric, bucket, ts) {
    return this.s.sumSince.get(groupId, metric, bucket, ts).value;
  }

  updateTotal(groupId, metric, bucket, value, resetAt) {
    this.s.updateTotal.run(value, resetAt, groupId, metric, bucket);
  }

  readTotals(groupId, minBucket) {
    return this.s.readTotals.all(groupId, minBucket);
  }
}

export class SqliteBackend {
  static async open(file) {
    const Database = await loadDriver();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (SQLite's default is 2 MiB): the record key's B-tree of a busy
    // server outgrows 2 MiB within minutes, and every batch then reads its pages back from the OS.
    db.pragma('cache_size = -65536');
    migrate(db);
    return new SqliteBackend(db);
  }

  constructor(db) {
    this.db = db;
    this.queue = Promise.resolve();
    const p = (sql) => db.prepare(sql);
    this.tx = new SqliteTx({
      insert: p(`INSERT INTO usage_records (${RECORD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
      existing: p(`SELECT metric, kind, amount, period, period_start AS periodStart, period_end AS periodEnd, bucket, ts
                   FROM usage_records WHERE group_id = ? AND record_id = ?`),
      ensureTotal: p('INSERT INTO usage_totals (group_id, metric, bucket) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      readTotal: p('SELECT value, reset_at AS resetAt FROM usage_totals WHERE group_id = ? AND metric = ? AND bucket = ?'),
      sumSince: p(`SELECT coalesce(sum(amount), 0) AS value FROM usage_records
                   WHERE group_id = ? AND metric = ? AND bucket = ? AND kind <> 'reset' AND ts >= ?`),
      updateTotal: p('UPDATE usage_totals SET value = ?, reset_at = ? WHERE group_id = ? AND metric = ? AND bucket = ?'),
      readTotals: p(`SELECT metric, bucket, value FROM usage_totals WHERE group_id = ? AND (bucket = 0 OR bucket >= ?)
                     ORDER BY metric, bucket`),
    });
    this.statements = {
      allTotals: p('SELECT metric, bucket, value FROM usage_totals WHERE group_id = ? ORDER BY metric, bucket'),
      plan: p('SELECT plan FROM group_plans WHERE group_id = ?'),
      setPlan: p(`INSERT INTO group_plans (group_id, plan, updated_at) VALUES (?, ?, ?)
                  ON CONFLICT (group_id) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at`),
      addChunk: p(`INSERT INTO archive_chunks (group_id, sha256, byte_size, event_count, from_ts, to_ts, stored_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    };
  }

  /** Runs `fn(tx)` in one transaction, after the ones already queued. */
  transaction(fn) {
    const run = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.tx);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.queue = run.catch(() => {});
    return run;
  }

  async groupView(groupId) {
    const plan = this.statements.plan.get(groupId);
    return { plan: plan ? JSON.parse(plan.plan) : null, totals: this.statements.allTotals.all(groupId) };
  }

  async setPlan(groupId, plan) {
    this.statements.setPlan.run(groupId, JSON.stringify(plan), Date.now());
  }

  /** Records a stored chunk; false when the group already had it. */
  async addChunk(groupId, chunk) {
    const info = this.statements.addChunk.run(groupId, chunk.sha256, chunk.bytes, chunk.events ?? null, chunk.from ?? null, chunk.to ?? null, Date.now());
    return info.changes === 1;
  }

  async close() {
    await this.queue;
    this.db.close();
  }
}
