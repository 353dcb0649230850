// The worker protocol's engine side: one request {id, op, handle?, args | bytes} in, one reply
// {id, ok: true, result, events?} or {id, ok: false, error: {code, message, details}, events?}
// out (`events`: notifications the call raised, such as quota alerts and storage status
// changes). "open" and "close" manage stores; every other op is an engine operation on
// `handle`. A reply leaves only once what the call wrote is durable (storage backends that
// save asynchronously, like IndexedDB). The browser Worker feeds it postMessage requests; Node
// calls it directly (same protocol, no thread hop).
import { toWire } from './errors.js';

async function run(host, { id, op, handle, args, bytes }) {
  try {
    if (op === 'open') return { id, ok: true, result: await host.open(args) };
    if (op === 'close') return { id, ok: true, result: await host.close(handle) };
    if (op === 'errorCodes') return { id, ok: true, result: host.errorCodes() };
    const { result, events } = bytes ? host.callBytes(handle, op, bytes) : host.call(handle, op, args);
    return events ? { id, ok: true, result, events } : { id, ok: true, result };
  } catch (error) {
    return { id, ok: false, error: toWire(error) };
  }
}

// Holds a reply until the store's writes are durable: a failed save turns a success into an
// error (a store whose first save failed is closed again), and a change of durability rides
// along as a 'storage' event.
async function settled(host, op, handle, reply) {
  const { error, event } = await host.settle(handle);
  if (error && op === 'open') await host.close(handle).catch(() => {});
  const events = event ? [...(reply.events ?? []), event] : reply.events;
  const base = error && reply.ok ? { id: reply.id, ok: false, error: toWire(error) } : reply;
  return events ? { ...base, events } : base;
}

/**
 * @param {() => Promise<import('./engine-host.js').EngineHost>} getHost
 * @returns {(request: {id: number, op: string, handle?: number, args?: any}) => Promise<object>}
 */
export function createDispatcher(getHost) {
  return async function dispatch(request) {
    let host;
    try {
      host = await getHost();
    } catch (error) {
      return { id: request.id, ok: false, error: toWire(error) };
    }
    const reply = await run(host, request);
    const handle = request.op === 'open' ? reply.result?.handle : request.handle;
    if (request.op === 'close' || handle === undefined) return reply;
    return settled(host, request.op, handle, reply);
  };
}
