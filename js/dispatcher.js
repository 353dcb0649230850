// The worker protocol's engine side: one request {id, op, handle?, args} in, one reply
// {id, ok: true, result} or {id, ok: false, error: {code, message, details}} out. "open" and
// "close" manage stores; every other op is an engine operation on `handle`. The browser Worker
// feeds it postMessage requests; Node calls it directly (same protocol, no thread hop).
import { toWire } from './errors.js';

/**
 * @param {() => Promise<import('./engine-host.js').EngineHost>} getHost
 * @returns {(request: {id: number, op: string, handle?: number, args?: any}) => Promise<object>}
 */
export function createDispatcher(getHost) {
  return async function dispatch({ id, op, handle, args }) {
    try {
      const host = await getHost();
      let result;
      if (op === 'open') result = await host.open(args);
      else if (op === 'close') result = host.close(handle);
      else if (op === 'errorCodes') result = host.errorCodes();
      else result = host.call(handle, op, args);
      return { id, ok: true, result };
    } catch (error) {
      return { id, ok: false, error: toWire(error) };
    }
  };
}
