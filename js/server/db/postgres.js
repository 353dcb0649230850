// PostgreSQL backend (pg, loaded only for a postgres:// database): any number of server
// processes share one database. Exactly-once holds across them because the unique key
// (group_id, record_id) decides which insert wins; totals rows are locked (FOR UPDATE, in key
// order) while a batch moves them. A transaction that loses a deadlock or serialization race is
// run again; migrations take an advisory lock so processes starting together apply each once.
import { MIGRATIONS, RECORD_COLUMNS, SCHEMA_TABLE } from './schema.js';

const MIGRATION_LOCK = 0x6564_7461; // "edta"
const RETRYABLE = new Set(['40001', '40P01']);

async function loadDriver() {
  try {
    return (await import('pg')).default;
  } catch (error) {
    throw new Error(`the PostgreSQL backend needs the package pg (npm install pg): ${error.message}`);
  }
}

class PostgresTx {
  constructor(client) {
    this.client = client;
  }

  async insertRecords(groupId, records, now) {
    const col = (f) => records.map(f);
    const { rows } = await this.client.query(
      `INSERT INTO usage_records (${RECORD_COLUMNS})
       SELECT $1, r.*, $12 FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[],
         $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[])
         AS r(record_id, source, metric, kind, amount, period, period_start, period_end, bucket, ts)
       ON CONFLICT DO NOTHING RETURNING record_id`,
      [groupId, col((r) => r.id), col((r) => r.source), col((r) => r.metric), col((r) => r.kind), col((r) => r.amount),
        col((r) => r.period), col((r) => r.periodStart), col((r) => r.periodEnd), col((r) => r.bucket), col((r) => r.ts), now],
    );
    return new Set(rows.map((row) => row.record_id));
  }

  async existingRecords(groupId, ids) {
    const { rows } = await this.client.query(
      `SELECT record_id, metric, kind, amount, period, period_start AS "periodStart", period_end AS "periodEnd", bucket, ts
       FROM usage_records WHERE group_id = $1 AND record_id = ANY($2::text[])`,
      [groupId, ids],
    );
    return new Map(rows.map((row) => [row.record_id, row]));
  }

  async lockTotals(groupId, keys) {
    const metrics = keys.map((k) => k.metric);
    const buckets = keys.map((k) => k.bucket);
    await this.client.query(
      `INSERT INTO usage_totals (group_id, metric, bucket) SELECT $1, * FROM unnest($2::text[], $3::bigint[])
       ON CONFLICT DO NOTHING`,
      [groupId, metrics, buckets],
    );
    const { rows } = await this.client.query(
      `SELECT metric, bucket, value, reset_at AS "resetAt" FROM usage_totals
       WHERE group_id = $1 AND (metric, bucket) IN (SELECT * FROM unnest($2::text[], $3::bigint[]))
       ORDER BY metric, bucket FOR UPDATE`,
      [groupId, metrics, buckets],
    );
    const byKey = new Map(rows.map((row) => [`${row.metric}\u0000${row.bucket}`, row]));
    return keys.map((k) => byKey.get(`${k.metric}\u0000${k.bucket}`));
  }

  async sumSince(groupId, metric, bucket, ts) {
    const { rows } = await this.client.query(
      `SELECT coalesce(sum(amount), 0)::bigint AS value FROM usage_records
       WHERE group_id = $1 AND metric = $2 AND bucket = $3 AND kind <> 'reset' AND ts >= $4`,
      [groupId, metric, bucket, ts],
    );
    return rows[0].value;
  }

  async updateTotal(groupId, metric, bucket, value, resetAt) {
    await this.client.query(
      'UPDATE usage_totals SET value = $1, reset_at = $2 WHERE group_id = $3 AND metric = $4 AND bucket = $5',
      [value, resetAt, groupId, metric, bucket],
    );
  }

  async readTotals(groupId, minBucket) {
    const { rows } = await this.client.query(
      `SELECT metric, bucket, value FROM usage_totals WHERE group_id = $1 AND (bucket = 0 OR bucket >= $2)
       ORDER BY metric, bucket`,
      [groupId, minBucket],
    );
    return rows;
  }
}

export class PostgresBackend {
  static async open(url, { poolSize = 10, onError = () => {} } = {}) {
    const pg = await loadDriver();
    // int8 columns as JS numbers: every quantity here stays within 2^53.
    const types = { getTypeParser: (oid, format) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format)) };
    const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
    // An idle connection that dies (a database restart) is reported, never a crash: the pool
    // opens a new one for the next request.
    pool.on('error', onError);
    const backend = new PostgresBackend(pool);
    await backend.#migrate();
    return backend;
  }

  constructor(pool) {
    this.pool = pool;
  }

  async #migrate() {
    await this.#withClient(async (client) => {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await client.query(SCHEMA_TABLE);
        const { rows } = await client.query('SELECT version FROM edgetally_schema');
        const applied = new Set(rows.map((row) => row.version));
        for (const step of MIGRATIONS) {
          if (applied.has(step.version)) continue;
          for (const sql of step.sql) await client.query(sql);
          await client.query('INSERT INTO edgetally_schema (version, name, applied_at) VALUES ($1, $2, $3)', [step.version, step.name, Date.now()]);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }

  async #withClient(fn) {
    const client = await this.pool.connect();
    try {
      return await fn(client);
    } finally {
      client.release();
    }
  }

  /** Runs `fn(tx)` in one transaction; again (up to 5 times) when it loses a deadlock. */
  async transaction(fn) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#withClient(async (client) => {
          await client.query('BEGIN');
          try {
            const result = await fn(new PostgresTx(client));
            await client.query('COMMIT');
            return result;
          } catch (error) {
            await client.query('ROLLBACK').catch(() => {});
            throw error;
          }
        });
      } catch (error) {
        if (!RETRYABLE.has(error.code) || attempt >= 5) throw error;
      }
    }
  }

  async groupView(groupId) {
    const plan = await this.pool.query('SELECT plan FROM group_plans WHERE group_id = $1', [groupId]);
    const totals = await this.pool.query('SELECT metric, bucket, value FROM usage_totals WHERE group_id = $1 ORDER BY metric, bucket', [groupId]);
    return { plan: plan.rows[0] ? JSON.parse(plan.rows[0].plan) : null, totals: totals.rows };
  }

  async setPlan(groupId, plan) {
    await this.pool.query(
      `INSERT INTO group_plans (group_id, plan, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (group_id) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at`,
      [groupId, JSON.stringify(plan), Date.now()],
    );
  }

  async addChunk(groupId, chunk) {
    const { rowCount } = await this.pool.query(
      `INSERT INTO archive_chunks (group_id, sha256, byte_size, event_count, from_ts, to_ts, stored_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [groupId, chunk.sha256, chunk.bytes, chunk.events ?? null, chunk.from ?? null, chunk.to ?? null, Date.now()],
    );
    return rowCount === 1;
  }

  async close() {
    await this.pool.end();
  }
}
