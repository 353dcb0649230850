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

function applyArgs(groupId, reply) {
  const acknowledged = [];
  const rejected = [];
  for (const result of Array.isArray(reply?.results) ? reply.results : []) {
    if (typeof result?.id !== 'string') continue;
    if (result.status === 'accepted' || result.status === 'duplicate') acknowledged.push(result.id);
    else if (result.status === 'rejected') {
      const reason = result.reason ?? {};
      const field = reason.field ? ` (${reason.field})` : '';
      rejected.push({ recordId: result.id, code: String(reason.code ?? 'rejected'), reason: `${reason.message ?? 'refused by the server'}${field}` });
    }
  }
  const totals = (Array.isArray(reply?.totals) ? reply.totals : [])
    .filter((t) => typeof t?.metric === 'string' && Number.isSafeInteger(t.bucket) && Number.isSafeInteger(t.value));
  const asOf = Number.isSafeInteger(reply?.asOf) ? reply.asOf : Date.now();
  return { groupId, acknowledged, rejected, totals, asOf };
}

function countResults(summary, reply) {
  for (const result of reply.results ?? []) {
    if (result?.status === 'accepted') summary.accepted++;
    else if (result?.status === 'duplicate') summary.duplicates++;
    else if (result?.status === 'rejected') summary.rejected++;
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
  for (let i = 0; i < MAX_BATCHES_PER_ROUND && !signal.aborted; i++) {
    const batch = await call('syncReadOutbox', { maxRecords, maxBytes: options.maxBatchBytes, skipGroups });
    if (!batch.groupId || batch.events.length === 0) break;
    const { groupId, events } = batch;
    const body = JSON.stringify(events);
    summary.sent += events.length;
    summary.batches++;
    const outcome = await postUsage({ options, groupId, body, token: (refresh) => token(groupId, refresh), signal });
    if (outcome.kind === 'ok') {
      const args = applyArgs(groupId, outcome.reply);
      if (args.acknowledged.length + args.rejected.length === 0) {
        summary.error = { kind: 'server', code: 'empty_reply', message: 'the server answered for none of the records sent' };
        break;
      }
      const applied = await call('syncApplyReply', args);
      refreshed.add(groupId);
      countResults(summary, outcome.reply);
      summary.parked += applied.parked;
      if (applied.parked > 0) summary.error = { kind: 'rejected', code: args.rejected[0].code, message: `${applied.parked} record(s) refused: ${args.rejected[0].reason}` };
      maxRecords = options.maxBatchRecords;
    } else if (outcome.kind === 'split') {
      summary.error = outcome.error;
      if (events.length > 1) {
        maxRecords = Math.max(1, Math.floor(events.length / 2));
      } else {
        const rejected = [{ recordId: events[0].id, code: outcome.error.code, reason: `${outcome.error.message} (HTTP ${outcome.error.status})` }];
        const applied = await call('syncApplyReply', { groupId, acknowledged: [], rejected, totals: [], asOf: Date.now() });
        summary.parked += applied.parked;
        summary.rejected += 1;
      }
    } else if (outcome.kind === 'auth') {
      summary.error = outcome.error;
      skipGroups.push(groupId);
    } else {
      summary.error = outcome.error;
      summary.retryAfterMs = outcome.retryAfterMs ?? null;
      return summary;
    }
  }
  if (archives && !(await uploadChunks({ call, ops: archives.ops, options, token, signal, summary, parked: archives.parked }))) return summary;
  return refreshTotals({ call, options, token, signal, summary, skip: new Set([...skipGroups, ...refreshed]) });
}

async function refreshTotals({ call, options, token, signal, summary, skip }) {
  for (const groupId of await call('syncGroups', {})) {
    if (skip.has(groupId) || signal.aborted) continue;
    const outcome = await getGroup({ options, groupId, token: (refresh) => token(groupId, refresh), signal });
    if (outcome.kind === 'ok') {
      const { totals, asOf } = applyArgs(groupId, outcome.reply);
      await call('syncApplyReply', { groupId, acknowledged: [], rejected: [], totals, asOf });
    } else if (outcome.kind !== 'split') {
      summary.error = outcome.error;
      summary.retryAfterMs = outcome.retryAfterMs ?? null;
      if (outcome.kind === 'retry') return summary;
    }
  }
  return summary;
}
