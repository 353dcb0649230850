// The package entry for browsers: open() starts a dedicated Worker that runs the engine, with
// the store on OPFS, on IndexedDB where OPFS sync access handles are missing, or in memory
// ('auto' is resolved in the worker, which alone can see OPFS sync access handles; see
// storage/select.browser.js). Every Store method is a message to that worker; the page's
// thread never blocks on the database.
import { fromWire } from './errors.js';
import { normalizeOpenOptions } from './options.js';
import { Store } from './store.js';
import { createWorkerTransport } from './worker-transport.js';

export * from './errors.js';
export { Store };

// What a page can rule out: the worker checks the rest (sync access handles, IndexedDB opening).
function availableStorage() {
  const worker = typeof Worker !== 'undefined';
  const opfs = worker && typeof navigator?.storage?.getDirectory === 'function';
  const idb = worker && typeof indexedDB !== 'undefined' && indexedDB !== null;
  return [...(opfs ? ['opfs'] : []), ...(idb ? ['indexeddb'] : []), 'memory'];
}

/**
 * Opens (creating if needed) a store. See index.d.ts for the options.
 * @param {import('./index.js').OpenOptions} options
 * @returns {Promise<Store>}
 */
export async function open(options) {
  const available = availableStorage();
  const normalized = normalizeOpenOptions(options, { autoStorage: 'auto', available });
  const workerUrl = options.workerUrl ?? new URL('./worker.browser.js', import.meta.url);
  const transport = createWorkerTransport(new Worker(workerUrl, { type: 'module' }));
  const reply = await transport.request({ op: 'open', args: normalized });
  if (!reply.ok) {
    transport.dispose();
    throw fromWire(reply.error);
  }
  const store = new Store(transport, reply.result, normalized);
  if (normalized.storage === 'auto' && !store.persistent) {
    console.warn(`edgetally: store '${store.name}' is in memory, nothing survives a reload (${store.storageReason})`);
  }
  return store;
}
