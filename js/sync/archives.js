// Archive upload: the step of a sync round that delivers archive chunks. A row of the local
// `archives` table in state 'pending' is what the device owes the server (its own outbox, like
// the usage ledger's unsynced records). Oldest first, each chunk is read, checked against its
// SHA-256, PUT under that hash (idempotent: "stored" and "duplicate" both mean the server holds
// these bytes), and only then marked uploaded. What each answer means (PROTOCOL.md):
//   ok     200/201: mark uploaded (a duplicate counts as delivered)
//   park   a permanent refusal (409, 422 hash_mismatch, 413, other 4xx): the chunk waits on the
//          parked list with the reason and never blocks the chunks behind it
//   auth   401 after one token refresh, 403: skip the group's chunks for the rest of the round
//   retry  408, 429, 5xx, 404/405/415 (a misconfigured URL), network errors: stop the round;
//          the client schedules the next one with its backoff (honouring Retry-After)
// The engine operations come from the archival module; ARCHIVE_OPERATIONS names them here, the
// one place that knows their names and result shapes.
import { putArchive } from './transport.js';

export const ARCHIVE_OPERATIONS = Object.freeze({
  list: 'syncListPendingArchives', // {afterId, limit} -> {chunks: [{chunkId, groupId, sha256, events, fromTs, toTs}]} oldest first
  read: 'syncReadArchive', //         {id} -> gzip bytes (Uint8Array, or {body} as base64)
  mark: 'syncMarkArchiveUploaded', // {id, sha256} -> anything
  status: 'getArchivalStatus', //     {} -> {groups: [{chunks: {pending, uploaded}}]}
});

/** The operations of the engine's manifest this client can use, or null (an engine without archival). */
export function archiveOperations(manifestNames) {
  const names = new Set(manifestNames);
  return Object.values(ARCHIVE_OPERATIONS).every((name) => names.has(name)) ? ARCHIVE_OPERATIONS : null;
}

function fromBase64(text) {
  if (typeof Buffer === 'function') return new Uint8Array(Buffer.from(text, 'base64'));
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A chunk read's result as bytes, whatever form the operation returns it in. */
export function chunkBytes(result) {
  if (result instanceof Uint8Array) return result;
  if (result instanceof ArrayBuffer) return new Uint8Array(result);
  const body = result?.body ?? result?.bytes ?? result?.gzip;
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return fromBase64(body);
  throw new TypeError('the archive read returned no bytes');
}

function toChunk(row) {
  return {
    id: row.id ?? row.chunkId,
    groupId: row.groupId ?? row.group_id,
    sha256: row.sha256,
    events: row.eventCount ?? row.events ?? row.event_count ?? null,
    from: row.fromTs ?? row.from_ts ?? null,
    to: row.toTs ?? row.to_ts ?? null,
  };
}

async function sha256Hex(bytes) {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Chunks pending and uploaded across the store's groups, from the archival status. */
export async function chunkCounts(call, ops) {
  const { groups = [] } = (await call(ops.status, {})) ?? {};
  const sum = (field) => groups.reduce((total, g) => total + (Number(g?.chunks?.[field]) || 0), 0);
  return { pending: sum('pending'), uploaded: sum('uploaded') };
}

/** Chunks per page of the pending list. */
export const PENDING_PAGE = 100;

/**
 * The chunks the store still owes the server, oldest first, as {id, groupId, sha256, events,
 * from, to}: every one, a page at a time by keyset (afterId = the last id seen), so any number of
 * parked or skipped chunks at the head never hides the ones behind them.
 */
export async function* pendingChunks(call, ops) {
  let afterId = 0;
  for (;;) {
    const rows = await call(ops.list, { afterId, limit: PENDING_PAGE });
    const page = (Array.isArray(rows) ? rows : rows?.chunks ?? []).map(toChunk);
    yield* page;
    if (page.length < PENDING_PAGE) return;
    afterId = page[page.length - 1].id;
  }
}

/**
 * Uploads the pending chunks not parked. `parked` (Map id -> {groupId, sha256, code, reason,
 * parkedAt}) is the client's parked list, updated here. Adds chunk counts to `summary`
 * (chunksSent, chunksStored, chunksDuplicate, chunksParked); a failure that says "later" sets
 * summary.error and summary.retryAfterMs and ends the step. Resolves with false after such a
 * failure, true otherwise.
 */
export async function uploadChunks({ call, ops, options, token, signal, summary, parked }) {
  const skipGroups = new Set();
  for await (const chunk of pendingChunks(call, ops)) {
    if (signal.aborted) return false;
    if (parked.has(chunk.id) || skipGroups.has(chunk.groupId)) continue;
    const bytes = chunkBytes(await call(ops.read, { id: chunk.id }));
    const park = (code, reason) => {
      parked.set(chunk.id, { id: chunk.id, groupId: chunk.groupId, sha256: chunk.sha256, code, reason, parkedAt: Date.now() });
      summary.chunksParked++;
      summary.error = { kind: 'rejected', code, message: `archive chunk ${chunk.sha256}: ${reason}` };
    };
    if ((await sha256Hex(bytes)) !== chunk.sha256) {
      park('local_hash_mismatch', 'the local chunk does not hash to its name (not sent)');
      continue;
    }
    summary.chunksSent++;
    const outcome = await putArchive({ options, chunk, bytes, token: (refresh) => token(chunk.groupId, refresh), signal });
    if (outcome.kind === 'ok') {
      await call(ops.mark, { id: chunk.id, sha256: chunk.sha256 });
      if (outcome.reply?.status === 'duplicate') summary.chunksDuplicate++;
      else summary.chunksStored++;
    } else if (outcome.kind === 'park') {
      park(outcome.error.code, `${outcome.error.message} (HTTP ${outcome.error.status})`);
    } else if (outcome.kind === 'auth') {
      summary.error = outcome.error;
      skipGroups.add(chunk.groupId);
    } else {
      summary.error = outcome.error;
      summary.retryAfterMs = outcome.retryAfterMs ?? null;
      return false;
    }
  }
  return true;
}
