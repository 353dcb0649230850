// The worker protocol's engine side: one request in, one reply out (the message types below).
// "open" and "close" manage stores; every other op is an engine operation on `handle`, with
// JSON-able `args` or, for importChunk, raw `bytes`; `events` in a reply are notifications the
// call raised (quota alerts). A dedicated Worker (browsers), a worker_threads Worker (Node,
// open({worker: true})) or the calling thread (Node's default) feeds it: same protocol.
import { toWire } from './errors.js';

/**
 * @typedef {{id: number, op: 'open', args: {name: string, storage: string, path?: string}}} OpenRequest
 * @typedef {{id: number, op: 'close', handle: number}} CloseRequest
 * @typedef {{id: number, op: 'errorCodes'}} ErrorCodesRequest
 * @typedef {{id: number, op: string, handle: number, args: object}} CallRequest
 * @typedef {{id: number, op: string, handle: number, bytes: Uint8Array}} BytesRequest
 * @typedef {OpenRequest | CloseRequest | ErrorCodesRequest | CallRequest | BytesRequest} Request
 * @typedef {{code: string, message: string, details?: object}} WireError
 * @typedef {{id: number, ok: true, result: any, events?: object[]}} OkReply
 * @typedef {{id: number, ok: false, error: WireError}} ErrorReply
 * @typedef {OkReply | ErrorReply} Reply
 * @typedef {{op: 'module', module: WebAssembly.Module}} ModuleMessage
 *   sent once, before any request, by a transport that compiled the wasm for its workers
 *   (no reply)
 */

/**
 * @param {() => Promise<import('./engine-host.js').EngineHost>} getHost
 * @returns {(request: Request) => Promise<Reply>}
 */
export function createDispatcher(getHost) {
  return async function dispatch(request) {
    const { id, op } = request;
    try {
      const host = await getHost();
      if (op === 'open') return { id, ok: true, result: await host.open(/** @type {OpenRequest} */ (request).args) };
      if (op === 'close') return { id, ok: true, result: host.close(/** @type {CloseRequest} */ (request).handle) };
      if (op === 'errorCodes') return { id, ok: true, result: host.errorCodes() };
      const { handle, args, bytes } = /** @type {CallRequest & BytesRequest} */ (request);
      const { result, events } = bytes ? host.callBytes(handle, op, bytes) : host.call(handle, op, args);
      return events ? { id, ok: true, result, events } : { id, ok: true, result };
    } catch (error) {
      return { id, ok: false, error: toWire(error) };
    }
  };
}
