// The worker protocol's engine side: one request {id, op, handle?, args | bytes} in, one reply
// {id, ok: true, result, events?} or {id, ok: false, error: {code, message, details}} out
// (`events`: notifications the call raised, such as quota alerts). "open" and
// "close" manage stores; every other op is an engine operation on `handle`. The browser Worker
// feeds it postMessage requests; Node calls it directly (same protocol, no thread hop).
import { toWire } from './errors.js';

/**
 * @param {() => Promise<import('./engine-host.js').EngineHost>} getHost
 * @returns {(request: {id: number, op: string, handle?: number, args?: any}) => Promise<object>}
 */
export function createDispatcher(getHost) {
  return async function dispatch({ id, op, handle, args, bytes }) {
    try {
      const host = await getHost();
      if (op === 'open') return { id, ok: true, result: await host.open(args) };
      if (op === 'close') return { id, ok: true, result: host.close(handle) };
      if (op === 'errorCodes') return { id, ok: true, result: host.errorCodes() };
      const { result, events } = bytes ? host.callBytes(handle, op, bytes) : host.call(handle, op, args);
      return events ? { id, ok: true, result, events } : { id, ok: true, result };
    } catch (error) {
      return { id, ok: false, error: toWire(error) };
    }
  };
}
