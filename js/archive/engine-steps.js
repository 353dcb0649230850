// Archive requests answered where the engine runs (the dispatcher calls these instead of one
// engine operation): the NDJSON of a prepared chunk never leaves that thread. One batch is
// archivePrepare (descriptor + NDJSON bytes), gzip, then archiveCommit (the descriptor as one
// JSON line, '\n', the gzip member); the core checks the gzip trailer against the NDJSON,
// computes the SHA-256 and commits only if the chunk's events are unchanged, so other calls may
// run while the gzip is awaited. Batches of one store are serialized here; a run's next chunk is
// encoded while the one before it compresses (runBatch). readArchive inflates
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

function commitPayload(descriptor, gzip, finish) {
  const { groupId, range, events, ndjsonBytes, crc32 } = descriptor;
  const header = encoder.encode(`${JSON.stringify({ groupId, range, events, ndjsonBytes, crc32, finish })}\n`);
  const payload = new Uint8Array(header.length + gzip.length);
  payload.set(header);
  payload.set(gzip, header.length);
  return payload;
}

// A prepared chunk with its compression under way on the codec's threads.
function prepareStep(host, handle, op, args, codec) {
  const t0 = performance.now();
  const prepared = host.call(handle, op, args);
  const step = { prepared, prepareMs: performance.now() - t0, gzip: null };
  if (prepared.result.events === 0) return step;
  const g0 = performance.now();
  step.gzip = codec.gzip(prepared.bytes, prepared.result.crc32).then((bytes) => ({ bytes, gzipMs: performance.now() - g0 }));
  step.gzip.catch(() => {}); // a chunk prepared ahead and then dropped must not reject unhandled
  return step;
}

// The runner's chunk prepared ahead, per engine handle: {run, key, step}. It is used only by the
// next batch of the same run with the same arguments; anything else drops it (the core checks
// at commit that a chunk's events are unchanged, so a chunk prepared ahead is never wrong, only
// possibly refused).
const ahead = new Map();

function takeAhead(handle, run, key) {
  const kept = ahead.get(handle);
  ahead.delete(handle);
  return kept && run !== undefined && kept.run === run && kept.key === key ? kept.step : null;
}

// One batch. The runner's batches (archiveRunBatch) also pass `run` (an id of the run) and
// `finish` ({archived: events the run archived before this batch, reclaimPages}): the next
// chunk is encoded while this one compresses (prepared after this chunk's last key), and when
// this is the run's last chunk its commit also takes the first reclaim step and records the
// run (one transaction); the reply then carries `finished`.
async function runBatch(host, handle, args, codec, { run, finish } = {}) {
  const key = JSON.stringify(args);
  const step = takeAhead(handle, run, key) ?? prepareStep(host, handle, 'archivePrepare', args, codec);
  const { prepared } = step;
  const { result } = prepared;
  const base = { groupId: result.groupId, daysCutoff: result.daysCutoff, cutoffTs: result.cutoffTs };
  if (result.events === 0) return { result: { ...base, archived: 0, chunk: null, more: false }, events: prepared.events };
  if (run !== undefined && result.more) {
    const after = { ts: result.range.lastTs, id: result.range.lastId };
    try {
      ahead.set(handle, { run, key, step: prepareStep(host, handle, 'archivePrepareNext', { ...args, after }, codec) });
    } catch {} // not prepared ahead: the next batch prepares it (and reports what fails then)
  }
  const w0 = performance.now();
  const { bytes: gzip, gzipMs } = await step.gzip;
  const t2 = performance.now();
  const last = finish && !result.more ? { archived: finish.archived + result.events, reclaimPages: finish.reclaimPages } : undefined;
  let committed;
  try {
    committed = host.callBytes(handle, 'archiveCommit', commitPayload(result, gzip, last));
  } catch (error) {
    ahead.delete(handle); // prepared after a chunk that did not commit
    throw error;
  }
  const { finished, ...chunk } = committed.result;
  const reclaimMs = finished?.reclaimMs ?? 0;
  // Informative: gzipMs is the compression's own wall time, which overlaps the next chunk's
  // encoding and the commit before; gzipWaitMs the part of it this batch waited for.
  const timing = { prepareMs: step.prepareMs, gzipMs, gzipWaitMs: t2 - w0, commitMs: performance.now() - t2 - reclaimMs, reclaimMs };
  const events = [...(prepared.events ?? []), ...(committed.events ?? [])];
  const reply = { ...base, archived: result.events, chunk, more: result.more, ndjsonBytes: result.ndjsonBytes, timing };
  if (finished) reply.finished = finished; // {space, spaceAfterDelete, reclaimMs}
  return { result: reply, events: events.length ? events : undefined };
}

function archiveEventBatch(host, handle, args, codec) {
  return serialized(handle, () => runBatch(host, handle, args, codec));
}

// The runner's batches (archive/runner.js): {batch: archiveEventBatch's arguments, run, finish}.
function archiveRunBatch(host, handle, { batch, run, finish }, codec) {
  return serialized(handle, () => runBatch(host, handle, batch, codec, { run, finish }));
}

/** Drops what this file keeps for an engine handle (its chunk prepared ahead): on close. */
export function forgetArchiveHandle(handle) {
  ahead.delete(handle);
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
export const ARCHIVE_STEPS = Object.freeze({ archiveEventBatch, archiveRunBatch, readArchive, exportArchive });
