// The worker protocol's caller side when the engine runs in another thread: numbered requests
// (dispatcher.js has the message types) posted to a Worker, replies matched by id; if the
// worker dies, every pending request rejects. Chunk buffers travel in the transfer list (a
// view's bytes are copied once into a buffer of their own, never the whole buffer behind it),
// and a wasm module compiled once (compileWasmOnce) is handed to every worker a page starts.
// Works with a browser Worker and, through nodeWorkerEndpoint, with a worker_threads Worker.
// The worker posts {ready: true} once its module graph has loaded: an error before that means
// its script (or an import of it) could not be loaded, reported as such with the URL and the fix.
import { ErrorCode, makeError } from './errors.js';
import { workerLoadError } from './load-errors.js';
import { compileWasm } from './wasm-compile.js';

/** Buffers the transport may move into the worker without a copy (made by chunks.js). */
export const transferableChunks = new WeakSet();

const compiled = new Map(); // wasm URL -> Promise<WebAssembly.Module>

/**
 * Compiles the wasm at `url` once per page (or process); later calls get the same module.
 * @param {string | URL} url
 * @param {(url: URL) => Promise<WebAssembly.Module>} [compile] default: compileWasm
 * @returns {Promise<WebAssembly.Module>}
 */
export function compileWasmOnce(url, compile = compileWasm) {
  const key = String(url);
  if (!compiled.has(key)) {
    const promise = compile(new URL(key));
    promise.catch(() => compiled.delete(key)); // a failed compile is retried next time
    compiled.set(key, promise);
  }
  return compiled.get(key);
}

// The message as posted, and what moves instead of being copied.
function withTransfer(message) {
  const { bytes } = message;
  if (!(bytes instanceof Uint8Array)) return [message, []];
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const own = whole && transferableChunks.has(bytes) ? bytes : bytes.slice();
  return [{ ...message, bytes: own }, [own.buffer]];
}

/**
 * @param {{postMessage(message: any, transfer?: any[]): void, terminate(): void,
 *   onmessage: any, onerror: any, ref?(): void, unref?(): void}} worker
 * @param {string} url where the worker script was loaded from (for error messages)
 * @param {{wasmModule?: Promise<WebAssembly.Module>}} [options] a compiled module to share:
 *   posted once before the first request (if it fails to compile, the worker compiles its own)
 */
export function createWorkerTransport(worker, url, { wasmModule } = {}) {
  const pending = new Map();
  let nextId = 1;
  let failure = null;
  let inFlight = 0;
  let started = false;
  const ready = wasmModule
    ? wasmModule.then((module) => worker.postMessage({ op: 'module', module }), () => {})
    : Promise.resolve();

  const failAll = (error) => {
    failure ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.onmessage = ({ data }) => {
    if (data?.ready === true) started = true;
    const entry = pending.get(data.id);
    if (!entry) return;
    pending.delete(data.id);
    entry.resolve(data);
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    if (!started) return failAll(workerLoadError(url, event.message || undefined));
    failAll(makeError(ErrorCode.INTERNAL, `edgetally worker failed: ${event.message ?? 'unknown error'}`));
  };
  worker.unref?.();

  return {
    /** @param {object} message a Request without its id */
    async request(message) {
      if (inFlight++ === 0) worker.ref?.(); // from here until the reply, even while compiling
      try {
        await ready;
        if (failure) throw failure;
        const id = nextId++;
        const [posted, transfer] = withTransfer({ id, ...message });
        return await new Promise((resolve, reject) => {
          pending.set(id, { resolve, reject });
          worker.postMessage(posted, transfer);
        });
      } finally {
        if (--inFlight === 0) worker.unref?.(); // an idle store never keeps a Node process alive
      }
    },
    dispose() {
      worker.terminate();
      failAll(makeError(ErrorCode.STORE_CLOSED, 'the store was closed'));
    },
  };
}

/**
 * A worker_threads Worker seen as a browser Worker (onmessage/onerror setters), for
 * createWorkerTransport.
 * @param {import('node:worker_threads').Worker} worker
 */
export function nodeWorkerEndpoint(worker) {
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    terminate: () => worker.terminate(),
    ref: () => worker.ref(),
    unref: () => worker.unref(),
    set onmessage(listener) {
      worker.on('message', (data) => listener({ data }));
    },
    set onerror(listener) {
      worker.on('error', (error) => listener({ message: error.message }));
      worker.on('exit', (code) => listener({ message: `the worker exited (code ${code})` }));
    },
  };
}
