// The package entry for browsers: open() starts a dedicated Worker that runs the engine, with
// the store on OPFS, on IndexedDB where OPFS sync access handles are missing, or in memory
// ('auto' is resolved in the worker, which alone can see OPFS sync access handles; see
// storage/select.browser.js). Every Store method is a message to that worker; the page's
// thread never blocks on the database. The worker and the wasm are referenced in the literal `new Worker(new URL('./x.js',
// import.meta.url), { type: 'module' })` and `new URL('../dist/x.wasm', import.meta.url)` forms,
// the only ones bundlers (Vite, webpack 5) recognise and emit as files; `workerUrl` and
// `wasmUrl` override them for setups that serve the files elsewhere.
import { fromWire } from './errors.js';
import { workerLoadError } from './load-errors.js';
import { normalizeOpenOptions } from './options.js';
import { Store } from './store.js';
import { normalizeSyncOptions } from './sync/options.js';
import { openShared } from './tabs/open-shared.js';
import { compileWasmOnce, createWorkerTransport } from './worker-transport.js';
// The rest of the page's module graph, named here so that a browser loading the package
// unbundled fetches it all at once rather than one import level after another (each level is
// a round trip, and the engine's worker cannot start before the last); bundlers see no change.
// tests/js/module-graph.test.mjs keeps this list whole.
import './archive/runner.js';
import './arg-check.js';
import './chunks.js';
import './generated/error-codes.js';
import './generated/operations.js';
import './sync/archives.js';
import './sync/backoff.js';
import './sync/client.js';
import './sync/round.js';
import './sync/transport.js';
import './tabs/ownership.js';
import './tabs/tab-transport.js';
import './wasm-compile.js';

export * from './public-errors.js';
export { Store };

// User Timing marks of the first answer's phases (edgetally:*, see README "Benchmarks"); the
// worker sets its own in its timeline.
const mark = (what) => globalThis.performance?.mark?.(`edgetally:${what}`);

// What a page can rule out: the worker checks the rest (sync access handles, IndexedDB opening).
function availableStorage() {
  const worker = typeof Worker !== 'undefined';
  const opfs = worker && typeof navigator?.storage?.getDirectory === 'function';
  const idb = worker && typeof indexedDB !== 'undefined' && indexedDB !== null;
  return [...(opfs ? ['opfs'] : []), ...(idb ? ['indexeddb'] : []), 'memory'];
}

const absolute = (url) => new URL(String(url), globalThis.document?.baseURI ?? globalThis.location?.href).href;

// Where the default worker is, for error messages only: a second `new URL('./worker...')`
// would make bundlers emit the unbundled file as an asset.
const defaultWorkerUrl = () => String(import.meta.url).replace(/[^/?#]*([?#].*)?$/, 'worker.browser.js');

// Starts the engine's worker. The default is the literal form bundlers rewrite: keep it so.
function startWorker(workerUrl) {
  const url = workerUrl === undefined ? defaultWorkerUrl() : absolute(workerUrl);
  try {
    const worker =
      workerUrl === undefined
        ? new Worker(new URL('./worker.browser.js', import.meta.url), { type: 'module' })
        : new Worker(workerUrl, { type: 'module' });
    return { url, worker };
  } catch (error) {
    throw workerLoadError(url, error?.message ?? String(error));
  }
}

/**
 * Opens (creating if needed) a store. See index.d.ts for the options.
 * @param {import('./index.js').OpenOptions} options
 * @returns {Promise<Store>}
 */
export async function open(options = {}) {
  mark('open');
  const available = availableStorage();
  const normalized = normalizeOpenOptions(options, { autoStorage: 'auto', available });
  const sync = normalizeSyncOptions(options.sync);
  // The worker and the wasm start loading now, side by side with this tab's claim on the store
  // (a Web Lock): the first engine start takes this worker; a tab that does not own the store
  // stops it unused (it touched nothing: storage is taken only on 'prepare').
  wakeOpfs(available, normalized.storage);
  let early = startEarly(options);
  mark('worker-started');
  const startEngine = () => {
    mark('owned');
    const worker = early;
    early = null;
    return startEngineWorker(options, normalized, worker);
  };
  const shared = normalized.storage !== 'memory' && options.shareTabs !== false;
  let opened;
  try {
    opened = shared ? await openShared(normalized, startEngine) : await startEngine();
  } finally {
    early?.worker.terminate();
    early = null;
  }
  const { transport, info } = opened;
  mark('opened');
  const store = new Store(transport, info, normalized, { sync });
  if (normalized.storage === 'auto' && !store.persistent) {
    console.warn(`edgetally: store '${store.name}' is in memory, nothing survives a reload (${store.storageStatus.reason})`);
  }
  return store;
}

// The browser's OPFS backend does its setup on the first use in a browser session (48 ms median
// after the worker asked, in new browsers at load 14, against 7 ms on reloads): asked for the
// root directory here, on the page, while the worker starts, it has done it when the worker takes
// the store's handles. Nothing is created or locked; a refusal (a private window) is the worker's
// to report.
function wakeOpfs(available, storage) {
  if (!available.includes('opfs') || (storage !== 'auto' && storage !== 'opfs')) return;
  navigator.storage.getDirectory().catch(() => {});
}

// The URL the wasm is compiled from: the wasmUrl option, or the package's own.
const wasmUrlOf = (options) => (options.wasmUrl === undefined ? new URL('../dist/edgetally.wasm', import.meta.url).href : absolute(options.wasmUrl));

// A worker started (and the wasm compile begun) before the store is known to be this tab's;
// null when the worker cannot start (startEngineWorker then reports why). What it says before
// its transport listens (its {ready} message, a script that failed to load) is kept, and
// replay() hands it to the listeners the transport sets.
function startEarly(options) {
  compileWasmOnce(wasmUrlOf(options)).then(() => mark('wasm-compiled'), () => {}); // its failure is the open's, reported there
  let early;
  try {
    early = startWorker(options.workerUrl);
  } catch {
    return null;
  }
  const missed = [];
  early.worker.onmessage = (event) => missed.push(['onmessage', event]);
  early.worker.onerror = (event) => {
    event.preventDefault?.();
    missed.push(['onerror', event]);
  };
  early.replay = () => {
    for (const [listener, event] of missed.splice(0)) early.worker[listener]?.(event);
  };
  return early;
}

// A new worker (or `early`, one started before) with the store opened in it; rejects (and
// stops the worker) on failure.
async function startEngineWorker(options, normalized, early = null) {
  const worker = early ?? startWorker(options.workerUrl);
  // The store's files are taken while the worker loads the wasm (storage/prepared.js); this
  // runs only once the tab owns the store (tabs/open-shared.js), so no other tab holds them.
  worker.worker.postMessage({ op: 'prepare', args: normalized });
  const wasmUrl = options.wasmUrl === undefined ? undefined : absolute(options.wasmUrl);
  // compiled once on the page and shared by every store's worker
  const wasmModule = compileWasmOnce(wasmUrlOf(options));
  const transport = createWorkerTransport(worker.worker, worker.url, { wasmModule });
  worker.replay?.();
  const reply = await transport.request({ op: 'open', args: normalized, wasmUrl });
  if (!reply.ok) {
    transport.dispose();
    throw fromWire(reply.error);
  }
  return { transport, info: reply.result };
}
