// Round: one pass of sync. Reads the outbox a batch at a time (oldest first, one group per
// request), sends each batch, and applies the server's reply in one local transaction, until
// nothing is pending or a failure says "later". What each answer means (PROTOCOL.md):
//   ok     acknowledge accepted/duplicate, park rejected (dead letters), store the totals
//   split  a permanent refusal of the batch: halve it; a single record is parked with the reason
//   auth   skip this group for the rest of the round (other groups still go out)
//   retry  stop the round; the caller schedules the next one (honouring Retry-After)
// Then the pending archive chunks go up (archives.js), and every local group the round has no
// fresh totals for reads them (GET), so a device with nothing to send still learns what the
// other devices of its group used.
import { uploadChunks } from './archives.js';
import { getGroup, postUsage } from './transport.js';

const MAX_BATCHES_PER_ROUND = 10000;

function rejectedOf(result) {
  const reason = result.reason ?? {};
  const field = reason.field ? ` (${reason.field})` : '';
  return { recordId: result.id, code: String(reason.code ?? 'rejected'), reason: `${reason.message ?? 'refused by the server'}${field}` };
}

function totalsOf(reply) {
  const totals = (Array.isArray(reply?.totals) ? reply.totals : [])
    .filter((t) => typeof t?.metric === 'string' && Number.isSafeInteger(t.bucket) && Number.isSafeInteger(t.value));
  const asOf = Number.isSafeInteger(reply?.asOf) ? reply.asOf : Date.now();
  return { totals, asOf };
}

// The reply's counts when it answers for every record of the batch with
// X-Edgetally-Results: exceptions: the records not accepted listed (duplicate and rejected)
// and the counts adding up to the batch. Null for any other reply (a server that lists every
// record: then the ids it names are settled one by one).
function exceptionsOf(reply, count) {
  if (reply?.resultsListed !== 'exceptions' || !Array.isArray(reply.results)) return null;
  const { accepted, duplicates, rejected } = reply;
  if (![accepted, duplicates, rejected].every(Number.isSafeInteger) || accepted + duplicates + rejected !== count) return null;
  const listed = { duplicate: 0, rejected: 0 };
  for (const r of reply.results) {
    if (typeof r?.id !== 'string' || !(r.status in listed)) return null;
    listed[r.status]++;
  }
  return listed.duplicate === duplicates && listed.rejected === rejected ? { accepted, duplicates, rejected } : null;
}

// syncApplyReply's arguments for a batch's reply. A reply of exceptions that answers for every
// record acknowledges the batch as the key range it was read as (`batch`: after its first record's
// predecessor, up to its last, with the count and digest the read gave), all but the rejected
// ones; the core checks that the range still holds exactly those records (else it acknowledges
// none of them, and they go again: the server answers duplicate). Any other reply settles the
// ids it names.
function applyArgs(groupId, reply, batch = null) {
  const results = Array.isArray(reply?.results) ? reply.results : [];
  const rejected = results.filter((r) => typeof r?.id === 'string' && r.status === 'rejected').map(rejectedOf);
  const fates = batch && exceptionsOf(reply, batch.count);
  if (fates) return { fates, args: { groupId, batch: batch.range, rejected, ...totalsOf(reply) } };
  const named = (status) => results.filter((r) => typeof r?.id === 'string' && r.status === status).map((r) => r.id);
  const accepted = named('accepted');
  const duplicates = named('duplicate');
  const counts = { accepted: accepted.length, duplicates: duplicates.length, rejected: rejected.length };
  return { fates: counts, args: { groupId, acknowledged: [...accepted, ...duplicates], rejected, ...totalsOf(reply) } };
}

// Up to options.maxInFlight batches of one group are in flight at once: the next is read (after
// the cursor of the one before) and sent while the server commits the one before, and the
// answers are applied in the order sent. Exactly-once does not depend on it (the server
// de-duplicates by id; a batch not acknowledged stays pending and is read again), nor do the
// totals (a reset counts by time, and the newest asOf wins).
// When several batches of a window fail, the strongest reason decides what the round does next.
const STOPS = ['drained', 'split', 'auth', 'end', 'retry'];

// Applies one batch's answer. Returns null to go on, or {stop, maxRecords?}.
async function settle({ call, summary, refreshed, batch, outcome }) {
  const { groupId } = batch;
  if (outcome.kind === 'ok') {
    const { fates, args } = applyArgs(groupId, outcome.reply, batch);
    if (!args.batch && args.acknowledged.length + args.rejected.length === 0) {
      summary.error = { kind: 'server', code: 'empty_reply', message: 'the server answered for none of the records sent' };
      return { stop: 'end' };
    }
    const applied = await call('syncApplyReply', args);
    refreshed.add(groupId);
    summary.accepted += fates.accepted;
    summary.duplicates += fates.duplicates;
    summary.rejected += fates.rejected;
    summary.parked += applied.parked;
    if (applied.parked > 0) summary.error = { kind: 'rejected', code: args.rejected[0].code, message: `${applied.parked} record(s) refused: ${args.rejected[0].reason}` };
    return null;
  }
  summary.error = outcome.error;
  if (outcome.kind === 'split') {
    if (batch.count > 1) return { stop: 'split', maxRecords: Math.max(1, Math.floor(batch.count / 2)) };
    const rejected = [{ recordId: batch.cursor.recordId, code: outcome.error.code, reason: `${outcome.error.message} (HTTP ${outcome.error.status})` }];
    const applied = await call('syncApplyReply', { groupId, acknowledged: [], rejected, totals: [], asOf: Date.now() });
    summary.parked += applied.parked;
    summary.rejected += 1;
    return { stop: 'split', maxRecords: 1 };
  }
  if (outcome.kind === 'auth') return { stop: 'auth' };
  summary.retryAfterMs = outcome.retryAfterMs ?? null;
  return { stop: 'retry' };
}

// Sends the pending records of the oldest group, maxInFlight batches at a time, until the group
// has none left after the last cursor or a batch fails. Resolves with {stop, maxRecords?}
// ({stop: 'empty'} when nothing at all was pending).
async function sendGroup({ call, options, token, signal, summary, refreshed, skipGroups, maxRecords }) {
  const inflight = [];
  let groupId = null;
  let cursor = null;
  let verdict = null;
  for (;;) {
    if (!verdict && inflight.length < options.maxInFlight && summary.batches < MAX_BATCHES_PER_ROUND && !signal.aborted) {
      const where = groupId ? { groupId, after: cursor } : { skipGroups };
      const batch = await call('syncReadOutbox', { maxRecords, maxBytes: options.maxBatchBytes, format: 'bytes', ...where });
      if (batch.groupId && batch.count > 0) {
        batch.range = { after: cursor, last: batch.cursor, count: batch.count, digest: batch.digest };
        ({ groupId, cursor } = batch);
        summary.sent += batch.count;
        summary.batches++;
        const outcome = postUsage({ options, groupId, body: batch.body, token: (refresh) => token(groupId, refresh), signal });
        inflight.push({ batch, outcome });
        continue;
      }
      verdict = { stop: groupId ? 'drained' : 'empty' };
    }
    if (inflight.length === 0) return verdict ?? { stop: signal.aborted ? 'retry' : 'end' };
    const { batch, outcome } = inflight.shift();
    const next = await settle({ call, summary, refreshed, batch, outcome: await outcome });
    if (next && (!verdict || STOPS.indexOf(next.stop) >= STOPS.indexOf(verdict.stop))) {
      verdict = { ...next, maxRecords: Math.min(next.maxRecords ?? Infinity, verdict?.maxRecords ?? Infinity) };
    }
    if (next?.stop === 'auth') skipGroups.push(batch.groupId);
  }
}

/**
 * Runs one round. `call(op, args)` is the store's engine call; `token(groupId, refresh)` the
 * cached getToken; `archives` ({ops, parked}, or null without archival) what uploadChunks needs.
 * Resolves with {sent, accepted, duplicates, rejected, parked, batches, chunksSent, chunksStored,
 * chunksDuplicate, chunksParked, error, retryAfterMs}; `error` (classified: offline, auth,
 * server, rejected) is the last problem met.
 */
export async function runRound({ call, options, token, signal, archives = null }) {
  const summary = { sent: 0, accepted: 0, duplicates: 0, rejected: 0, parked: 0, batches: 0,
    chunksSent: 0, chunksStored: 0, chunksDuplicate: 0, chunksParked: 0, error: null, retryAfterMs: null };
  const skipGroups = [];
  const refreshed = new Set();
  let maxRecords = options.maxBatchRecords;
  while (summary.batches < MAX_BATCHES_PER_ROUND && !signal.aborted) {
    const verdict = await sendGroup({ call, options, token, signal, summary, refreshed, skipGroups, maxRecords });
    if (verdict.stop === 'retry') return summary;
    if (verdict.stop === 'empty' || verdict.stop === 'end') break;
    maxRecords = verdict.stop === 'split' ? verdict.maxRecords : options.maxBatchRecords;
  }
  if (archives && !(await uploadChunks({ call, ops: archives.ops, options, token, signal, summary, parked: archives.parked }))) return summary;
  return refreshTotals({ call, options, token, signal, summary, skip: new Set([...skipGroups, ...refreshed]) });
}

async function refreshTotals({ call, options, token, signal, summary, skip }) {
  for (const groupId of await call('syncGroups', {})) {
    if (skip.has(groupId) || signal.aborted) continue;
    const outcome = await getGroup({ options, groupId, token: (refresh) => token(groupId, refresh), signal });
    if (outcome.kind === 'ok') {
      await call('syncApplyReply', { groupId, acknowledged: [], rejected: [], ...totalsOf(outcome.reply) });
    } else if (outcome.kind !== 'split') {
      summary.error = outcome.error;
      summary.retryAfterMs = outcome.retryAfterMs ?? null;
      if (outcome.kind === 'retry') return summary;
    }
  }
  return summary;
}
