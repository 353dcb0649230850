// The worker protocol's engine side: one request {id, op, handle?, args | bytes} in, one reply
// {id, ok: true, result, events?} or {id, ok: false, error: {code, message, details}, events?}
// out (`events`: notifications the call raised, such as quota alerts and storage status
// changes; `bytes`: a Uint8Array some archive calls hand out, see archive/engine-steps.js). "open" and "close" manage stores; every other op is an engine operation on
// `handle`. A reply leaves only once what the call wrote is durable (storage backends that
// save asynchronously, like IndexedDB). The browser Worker feeds it postMessage requests; Node
// calls it directly, or a worker_threads Worker with open({worker: true}) (same protocol). The
// message types are the typedefs below.
import { ARCHIVE_STEPS, forgetArchiveHandle } from './archive/engine-steps.js';
import { webCodec } from './archive/codec.js';
import { toWire } from './errors.js';

/**
 * @typedef {{id: number, op: 'open', args: {name: string, storage: string, path?: string}, wasmUrl?: string}} OpenRequest
 * @typedef {{id: number, op: 'close', handle: number}} CloseRequest
 * @typedef {{id: number, op: 'errorCodes'}} ErrorCodesRequest
 * @typedef {{id: number, op: string, handle: number, args: object}} CallRequest
 * @typedef {{id: number, op: string, handle: number, bytes: Uint8Array}} BytesRequest
 * @typedef {OpenRequest | CloseRequest | ErrorCodesRequest | CallRequest | BytesRequest} Request
 * @typedef {{code: string, message: string, details?: object}} WireError
 * @typedef {{id: number, ok: true, result: any, events?: object[]}} OkReply
 * @typedef {{id: number, ok: false, error: WireError, events?: object[]}} ErrorReply
 * @typedef {OkReply | ErrorReply} Reply
 * @typedef {{op: 'module', module: WebAssembly.Module}} ModuleMessage
 *   sent once, before any request, by a transport that compiled the wasm for its workers
 *   (no reply)
 */

const SESSION_BEGIN = new Set(['beginBatch', 'beginImport']);

// Change events name their group: the core knows it only for the calls it parsed, the
// dispatcher has every call's arguments and remembers each chunked session's group.
function withGroup(events, groupId) {
  if (!events || typeof groupId !== 'string') return events;
  return events.map((event) => (event.type === 'change' && !event.groupId ? { ...event, groupId } : event));
}


async function run(host, sessionGroups, codec, { id, op, handle, args, bytes }) {
  try {
    if (op === 'open') return { id, ok: true, result: await host.open(args) };
    if (op === 'close') forgetArchiveHandle(handle);
    if (op === 'close') return { id, ok: true, result: await host.close(handle) };
    if (op === 'errorCodes') return { id, ok: true, result: host.errorCodes() };
    if (SESSION_BEGIN.has(op)) sessionGroups.set(handle, args?.groupId);
    const groupId = args?.groupId ?? sessionGroups.get(handle);
    if (op === 'endBatch') sessionGroups.delete(handle);
    const step = ARCHIVE_STEPS[op];
    const reply = step ? await step(host, handle, args, codec) : bytes ? host.callBytes(handle, op, bytes) : host.call(handle, op, args);
    const out = reply.events ? { id, ok: true, result: reply.result, events: withGroup(reply.events, groupId) } : { id, ok: true, result: reply.result };
    if (reply.bytes !== undefined) out.bytes = reply.bytes; // a Uint8Array of its own: workers transfer it
    return out;
  } catch (error) {
    return { id, ok: false, error: toWire(error, op) };
  }
}

// Holds a reply until the store's writes are durable: a failed save turns a success into an
// error (a store whose first save failed is closed again), and a change of durability rides
// along as a 'storage' event.
async function settled(host, op, handle, reply) {
  const { error, event } = await host.settle(handle);
  if (error && op === 'open') await host.close(handle).catch(() => {});
  const events = event ? [...(reply.events ?? []), event] : reply.events;
  const base = error && reply.ok ? { id: reply.id, ok: false, error: toWire(error, op) } : reply;
  return events ? { ...base, events } : base;
}

/**
 * @param {() => Promise<import('./engine-host.js').EngineHost>} getHost
 * @param {{codec?: {gzip: Function, gunzip: Function}}} [options] gzip for archive chunks
 *   (js/archive/codec.js; default CompressionStream, Node passes node:zlib)
 * @returns {(request: {id: number, op: string, handle?: number, args?: any}) => Promise<object>}
 */
export function createDispatcher(getHost, { codec = webCodec } = {}) {
  const sessionGroups = new Map(); // handle -> the group of its running chunked batch
  let started = null; // the host once getHost() gave one: later requests skip the await
  // Never rejects: whatever fails on the way (starting the engine, the call, waiting for
  // durability) is the request's typed error, so every request gets its one reply.
  return async function dispatch(request) {
    try {
      const host = (started ??= await getHost());
      const reply = await run(host, sessionGroups, codec, request);
      const handle = request.op === 'open' ? reply.result?.handle : request.handle;
      if (request.op === 'close' || handle === undefined) return reply;
      if (!host.savesLater(handle)) return reply; // durable already: nothing to wait for
      return await settled(host, request.op, handle, reply);
    } catch (error) {
      return { id: request.id, ok: false, error: toWire(error, request.op) };
    }
  };
}
