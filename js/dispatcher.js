// The worker protocol's engine side: one request {id, op, handle?, args | bytes} in, one reply
// {id, ok: true, result, events?} or {id, ok: false, error: {code, message, details}} out
// (`events`: notifications the call raised, such as quota alerts). "open" and
// "close" manage stores; every other op is an engine operation on `handle`. The browser Worker
// feeds it postMessage requests; Node calls it directly (same protocol, no thread hop).
import { toWire } from './errors.js';

const SESSION_BEGIN = new Set(['beginBatch', 'beginImport']);

// Change events name their group: the core knows it only for the calls it parsed, the
// dispatcher has every call's arguments and remembers each chunked session's group.
function withGroup(events, groupId) {
  if (!events || typeof groupId !== 'string') return events;
  return events.map((event) => (event.type === 'change' && !event.groupId ? { ...event, groupId } : event));
}

/**
 * @param {() => Promise<import('./engine-host.js').EngineHost>} getHost
 * @returns {(request: {id: number, op: string, handle?: number, args?: any}) => Promise<object>}
 */
export function createDispatcher(getHost) {
  const sessionGroups = new Map(); // handle -> the group of its running chunked batch
  return async function dispatch({ id, op, handle, args, bytes }) {
    try {
      const host = await getHost();
      if (op === 'open') return { id, ok: true, result: await host.open(args) };
      if (op === 'close') return { id, ok: true, result: host.close(handle) };
      if (op === 'errorCodes') return { id, ok: true, result: host.errorCodes() };
      if (SESSION_BEGIN.has(op)) sessionGroups.set(handle, args?.groupId);
      const groupId = args?.groupId ?? sessionGroups.get(handle);
      if (op === 'endBatch') sessionGroups.delete(handle);
      const { result, events } = bytes ? host.callBytes(handle, op, bytes) : host.call(handle, op, args);
      return events ? { id, ok: true, result, events: withGroup(events, groupId) } : { id, ok: true, result };
    } catch (error) {
      return { id, ok: false, error: toWire(error) };
    }
  };
}
