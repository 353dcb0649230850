// Archive requests answered where the engine runs (the dispatcher calls these instead of one
// engine operation): the NDJSON of a prepared chunk never leaves that thread. One batch is
// archivePrepare (descriptor + NDJSON bytes), gzip, then archiveCommit (the descriptor as one
// JSON line, '\n', the gzip member); the core checks the gzip trailer against the NDJSON,
// computes the SHA-256 and commits only if the chunk's events are unchanged, so other calls may
// run while the gzip is awaited. Batches of one store are serialized here. readArchive inflates
// and parses a chunk the core verified; exportArchive hands its gzip bytes out (transferred).

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const queues = new Map(); // engine handle -> the tail of its archive batches

function serialized(handle, run) {
  const previous = queues.get(handle) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(run);
  const tail = next.catch(() => {});
  queues.set(handle, tail);
  tail.then(() => queues.get(handle) === tail && queues.delete(handle));
  return next;
}

function commitPayload(descriptor, gzip) {
  const { groupId, range, events, ndjsonBytes, crc32 } = descriptor;
  const header = encoder.encode(`${JSON.stringify({ groupId, range, events, ndjsonBytes, crc32 })}\n`);
  const payload = new Uint8Array(header.length + gzip.length);
  payload.set(header);
  payload.set(gzip, header.length);
  return payload;
}

async function archiveEventBatch(host, handle, args, codec) {
  return serialized(handle, async () => {
    const t0 = performance.now();
    const prepared = host.call(handle, 'archivePrepare', args);
    const { result } = prepared;
    const base = { groupId: result.groupId, daysCutoff: result.daysCutoff, cutoffTs: result.cutoffTs };
    if (result.events === 0) return { result: { ...base, archived: 0, chunk: null, more: false }, events: prepared.events };
    const t1 = performance.now();
    const gzip = await codec.gzip(prepared.bytes, result.crc32); // the CRC lets Node deflate pieces in parallel
    const t2 = performance.now();
    const committed = host.callBytes(handle, 'archiveCommit', commitPayload(result, gzip));
    const timing = { prepareMs: t1 - t0, gzipMs: t2 - t1, commitMs: performance.now() - t2 }; // informative
    const events = [...(prepared.events ?? []), ...(committed.events ?? [])];
    const reply = { ...base, archived: result.events, chunk: committed.result, more: result.more, ndjsonBytes: result.ndjsonBytes, timing };
    return { result: reply, events: events.length ? events : undefined };
  });
}

/** Parses NDJSON archive lines (README "Archival", format v1) into event objects. */
export function parseLines(text) {
  const events = [];
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    if (end > at) events.push(JSON.parse(text.slice(at, end)));
    at = end + 1;
  }
  return events;
}

async function readArchive(host, handle, args, codec) {
  const { result: chunk, bytes, events } = host.call(handle, 'readArchive', args);
  const text = decoder.decode(await codec.gunzip(bytes));
  return { result: { chunk, events: parseLines(text) }, events };
}

function exportArchive(host, handle, args) {
  const { result: chunk, bytes, events } = host.call(handle, 'exportArchive', args);
  return { result: chunk, bytes, events };
}

/** Request name -> (host, handle, args, codec) => Promise<{result, events?, bytes?}>. */
export const ARCHIVE_STEPS = Object.freeze({ archiveEventBatch, readArchive, exportArchive });
