// The dedicated Worker that runs the engine in browsers: loads the wasm (the module the page
// compiled once for all its workers, or its own when none came), owns the storage (OPFS
// handles, or IndexedDB where OPFS is missing; see storage/select.browser.js) of the stores it
// opens, and answers the worker protocol (see dispatcher.js). A {op: 'prepare', args} message
// (no id, no reply; sent by index.browser.js with the worker's start) names the store about to
// be opened, so its storage is taken while the wasm loads (storage/prepared.js). The wasm is
// referenced as `new URL('../dist/edgetally.wasm', import.meta.url)`, the form bundlers emit;
// an open request may carry `wasmUrl` (the open() option) to load it from elsewhere.
import { createDispatcher } from './dispatcher.js';
import { EngineHost, instantiate } from './engine-host.js';
import { preparedStorage } from './storage/prepared.js';
import { acquireBrowserStorage } from './storage/select.browser.js';
import { compileWasm } from './wasm-compile.js';
// The rest of the worker's module graph, named here so that it is fetched at once rather than
// level by level before the worker can answer (see index.browser.js; the same test checks it).
import '../dist/edgetally.mjs';
import './archive/codec.js';
import './archive/engine-steps.js';
import './arg-check.js';
import './errors.js';
import './generated/error-codes.js';
import './load-errors.js';
import './storage/guard.js';
import './storage/indexeddb.js';
import './storage/opfs.js';
import './storage/paged-file.js';

// User Timing marks of the first answer's phases in this worker's timeline (see index.browser.js).
const mark = (what) => globalThis.performance?.mark?.(`edgetally:worker-${what}`);
mark('script');
let requestsMarked = 0;

let hostPromise = null;
let wasmUrl = null; // the first open request's wasmUrl, if any
let sharedModule = null; // a WebAssembly.Module posted by the page (ModuleMessage)
const storage = preparedStorage((options) => acquireBrowserStorage(options).finally(() => mark('storage')));

// The wasm: the module the page compiled once for all its workers (ModuleMessage), or our own.
function loadModule() {
  return sharedModule ?? compileWasm(wasmUrl ?? new URL('../dist/edgetally.wasm', import.meta.url).href);
}

function getHost() {
  hostPromise ??= (async () => {
    const module = await loadModule();
    mark('module');
    const host = new EngineHost(await instantiate(module), storage.acquire);
    mark('instantiated');
    return host;
  })().catch(
    (error) => {
      hostPromise = null; // a later open may succeed (e.g. the server is back)
      throw error;
    },
  );
  return hostPromise;
}

const dispatch = createDispatcher(getHost);
self.onmessage = async (event) => {
  if (event.data?.op === 'module' && event.data.id === undefined) {
    sharedModule = event.data.module;
    getHost().catch(() => {}); // instantiated now, while the storage is taken; an open reports a failure
    return;
  }
  if (event.data?.op === 'prepare' && event.data.id === undefined) {
    mark('prepare');
    storage.prepare(event.data.args);
    return;
  }
  if (typeof event.data?.wasmUrl === 'string') wasmUrl ??= event.data.wasmUrl;
  const marked = requestsMarked++ < 2; // the open and the first call only: marks are kept
  if (marked) mark(`${event.data?.op}-request`);
  const reply = await dispatch(event.data);
  if (marked) mark(`${event.data?.op}-reply`);
  self.postMessage(reply, reply.bytes ? [reply.bytes.buffer] : []); // archive bytes move, not copied
};
self.postMessage({ ready: true }); // every import loaded (see worker-transport.js)
