// The package entry for Node: open() runs the engine in this thread (the default: no thread
// hop, the lowest latency per call), or with {worker: true} in a worker_threads Worker of its
// own (the event loop stays free during large imports), with the store's files in a directory
// on disk (storage 'node', the default) or in memory. Both share one compiled wasm module.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { nodeCodec } from './archive/codec.node.js';
import { createDispatcher } from './dispatcher.js';
import { ErrorCode, fromWire, makeError } from './errors.js';
import { acquireNodeStorage, compileNodeWasm, getNodeHost } from './node-host.js';
import { normalizeOpenOptions } from './options.js';
import { Store } from './store.js';
import { normalizeSyncOptions } from './sync/options.js';
import { createWorkerTransport, nodeWorkerEndpoint } from './worker-transport.js';

export * from './public-errors.js';
export { Store };

const dispatch = createDispatcher(getNodeHost, { codec: nodeCodec });
let nextRequestId = 1;
const inThread = { request: (message) => dispatch({ id: nextRequestId++, ...message }) };
const WORKER_URL = new URL('./worker.node.js', import.meta.url);

// A worker thread for one store. This thread holds the store's lock for as long as the store
// is open, so no other store of this process (in this thread or another worker) opens it too.
async function workerTransport(options) {
  const { backend: claim } = await acquireNodeStorage(options);
  // the thread inherits this process's flags, but --input-type (for -e scripts) fails there
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
  const worker = new Worker(WORKER_URL, { execArgv });
  const transport = createWorkerTransport(nodeWorkerEndpoint(worker), WORKER_URL.href, { wasmModule: compileNodeWasm() });
  return {
    request: transport.request,
    dispose() {
      transport.dispose();
      claim?.release();
    },
  };
}

function checkWorkerOption(worker) {
  if (worker === undefined || typeof worker === 'boolean') return worker === true;
  throw makeError(ErrorCode.INVALID_ARGUMENT, 'worker must be a boolean', { field: 'worker', rule: 'boolean' });
}

/**
 * Opens (creating if needed) a store. See index.d.ts for the options.
 * @param {import('./index.js').OpenOptions} [options] none: the default store
 * @returns {Promise<Store>}
 */
export async function open(options) {
  const normalized = normalizeOpenOptions(options, {
    autoStorage: 'node',
    available: ['node', 'memory'],
  });
  const sync = normalizeSyncOptions(options?.sync);
  const transport = checkWorkerOption(options?.worker) ? await workerTransport(normalized) : inThread;
  const reply = await transport.request({ op: 'open', args: normalized });
  if (!reply.ok) {
    transport.dispose?.();
    throw fromWire(reply.error);
  }
  return new Store(transport, reply.result, normalized, {
    sync,
    fileSize: async (path) => (await fs.promises.stat(path)).size,
  });
}
