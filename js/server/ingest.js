// Ingest: one batch of usage records into a backend (SQLite or PostgreSQL), in one transaction:
// each record's fate, the group's running totals, and the totals to reply with. Exactly-once
// rests on the backend's unique key (group, record id): a record the key already holds is a
// duplicate (same content) or an id conflict (different content), never counted again.
import { checkEvent, idOf, sameContent } from './records.js';

const COUNTER_METRICS = new Set(['api_calls_per_month']);
const RECENT_MS = 62 * 86400000; // counter buckets of the last two months come with every reply

/** Orders a batch: results for bad and repeated events, the distinct good records to store. */
function screen(events, groupId) {
  const results = new Array(events.length);
  const fresh = new Map(); // id -> {record, indexes}
  events.forEach((event, index) => {
    const checked = checkEvent(event, groupId);
    if (checked.error) {
      results[index] = { id: idOf(event), status: 'rejected', reason: checked.error };
      return;
    }
    const { record } = checked;
    const first = fresh.get(record.id);
    if (!first) {
      fresh.set(record.id, { record, indexes: [index] });
    } else if (sameContent(first.record, record)) {
      results[index] = { id: record.id, status: 'duplicate' };
    } else {
      results[index] = { id: record.id, status: 'rejected', reason: conflict(record.id) };
    }
  });
  return { results, fresh };
}

function conflict(id) {
  return { code: 'id_conflict', field: 'id', message: `record id '${id}' is already held with different content` };
}

// Per (metric, bucket): the totals row is locked, then moved by the accepted records. A reset
// newer than the row's restarts the sum from the records since it.
async function applyTotals(tx, groupId, accepted) {
  const byKey = new Map();
  for (const r of accepted) {
    const key = `${r.metric}\u0000${r.bucket}`;
    if (!byKey.has(key)) byKey.set(key, { metric: r.metric, bucket: r.bucket, records: [] });
    byKey.get(key).records.push(r);
  }
  const keys = [...byKey.values()].sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : a.bucket - b.bucket));
  if (keys.length === 0) return;
  const rows = await tx.lockTotals(groupId, keys);
  keys.forEach((key, i) => {
    const row = rows[i];
    const newestReset = Math.max(row.resetAt, ...key.records.filter((r) => r.kind === 'reset').map((r) => r.ts));
    key.resetAt = newestReset;
    key.recount = newestReset > row.resetAt;
    key.value = row.value + key.records.reduce((sum, r) => (r.kind !== 'reset' && r.ts >= row.resetAt ? sum + r.amount : sum), 0);
  });
  for (const key of keys) {
    if (key.recount) key.value = await tx.sumSince(groupId, key.metric, key.bucket, key.resetAt);
    await tx.updateTotal(groupId, key.metric, key.bucket, key.value, key.resetAt);
  }
}

function countOf(results) {
  const counts = { accepted: 0, duplicates: 0, rejected: 0 };
  for (const { status } of results) {
    if (status === 'accepted') counts.accepted++;
    else if (status === 'duplicate') counts.duplicates++;
    else counts.rejected++;
  }
  return counts;
}

/**
 * Stores a batch for `groupId`. Returns {results, accepted, duplicates, rejected, totals, asOf}
 * as PROTOCOL.md's reply (every record's result; the counts of each status).
 * @param {{transaction: (fn: (tx: any) => Promise<any>) => Promise<any>}} backend
 */
export async function ingest(backend, groupId, events, now = Date.now()) {
  const { results, fresh } = screen(events, groupId);
  const records = [...fresh.values()].map((entry) => entry.record).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return backend.transaction(async (tx) => {
    const inserted = records.length ? await tx.insertRecords(groupId, records, now) : new Set();
    const missed = records.filter((r) => !inserted.has(r.id));
    const existing = missed.length ? await tx.existingRecords(groupId, missed.map((r) => r.id)) : new Map();
    for (const r of records) {
      const status = inserted.has(r.id) ? 'accepted' : sameContent(existing.get(r.id) ?? {}, r) ? 'duplicate' : 'rejected';
      const result = status === 'rejected' ? { id: r.id, status, reason: conflict(r.id) } : { id: r.id, status };
      for (const index of fresh.get(r.id).indexes) results[index] = result;
    }
    const accepted = records.filter((r) => inserted.has(r.id));
    await applyTotals(tx, groupId, accepted);
    const counterBuckets = accepted.filter((r) => COUNTER_METRICS.has(r.metric)).map((r) => r.bucket);
    const totals = await tx.readTotals(groupId, Math.min(now - RECENT_MS, ...counterBuckets));
    return { results, ...countOf(results), totals, asOf: Date.now() };
  });
}
