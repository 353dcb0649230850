// The package entry for browsers: open() starts a dedicated Worker that runs the engine, with
// the store on OPFS (storage 'opfs', the default where available) or in memory. Every Store
// method is a message to that worker; the page's thread never blocks on the database.
import { fromWire } from './errors.js';
import { normalizeOpenOptions } from './options.js';
import { Store } from './store.js';
import { compileWasmOnce, createWorkerTransport } from './worker-transport.js';

export * from './errors.js';
export { Store };

function availableStorage() {
  const opfs = typeof Worker !== 'undefined' && typeof navigator?.storage?.getDirectory === 'function';
  return opfs ? ['opfs', 'memory'] : ['memory'];
}

/**
 * Opens (creating if needed) a store. See index.d.ts for the options.
 * @param {import('./index.js').OpenOptions} options
 * @returns {Promise<Store>}
 */
export async function open(options) {
  const available = availableStorage();
  const normalized = normalizeOpenOptions(options, { autoStorage: available[0], available });
  const workerUrl = options.workerUrl ?? new URL('./worker.browser.js', import.meta.url);
  // compiled once on the page and shared by every store's worker
  const wasmModule = compileWasmOnce(new URL('../dist/edgetally.wasm', import.meta.url));
  const transport = createWorkerTransport(new Worker(workerUrl, { type: 'module' }), { wasmModule });
  const reply = await transport.request({ op: 'open', args: normalized });
  if (!reply.ok) {
    transport.dispose();
    throw fromWire(reply.error);
  }
  return new Store(transport, reply.result, normalized);
}
