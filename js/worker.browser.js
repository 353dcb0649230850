// The dedicated Worker that runs the engine in browsers: loads the wasm (the module the page
// compiled once for all its workers, or its own when none came), owns the OPFS handles of the
// stores it opens, and answers the worker protocol (see dispatcher.js).
import { createDispatcher } from './dispatcher.js';
import { EngineHost, instantiate } from './engine-host.js';
import { ErrorCode, makeError } from './errors.js';
import { OpfsStorage } from './storage/opfs.js';
import { compileWasm } from './worker-transport.js';

let hostPromise = null;
let sharedModule = null; // a WebAssembly.Module posted by the page (ModuleMessage)

async function acquire({ name, storage }) {
  if (storage === 'memory') return null;
  if (!OpfsStorage.available()) {
    throw makeError(ErrorCode.STORAGE_UNAVAILABLE, 'OPFS sync access handles are not available here');
  }
  return OpfsStorage.acquire(name, [`${name}.sqlite3`, `${name}.sqlite3-journal`]);
}

function getHost() {
  hostPromise ??= (async () => {
    const module = sharedModule ?? (await compileWasm(new URL('../dist/edgetally.wasm', import.meta.url)));
    return new EngineHost(await instantiate(module), acquire);
  })();
  return hostPromise;
}

const dispatch = createDispatcher(getHost);
self.onmessage = async ({ data }) => {
  if (data.op === 'module' && data.id === undefined) {
    sharedModule = data.module;
    return;
  }
  self.postMessage(await dispatch(data));
};
