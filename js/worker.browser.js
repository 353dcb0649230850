// The dedicated Worker that runs the engine in browsers: loads the wasm, owns the OPFS handles
// of the stores it opens, and answers the worker protocol (see dispatcher.js).
import { createDispatcher } from './dispatcher.js';
import { EngineHost, instantiate } from './engine-host.js';
import { ErrorCode, makeError } from './errors.js';
import { OpfsStorage } from './storage/opfs.js';

let hostPromise = null;

async function compileWasm() {
  const url = new URL('../dist/edgetally.wasm', import.meta.url);
  const response = await fetch(url);
  if (!response.ok) throw makeError(ErrorCode.IO_ERROR, `cannot load ${url}: HTTP ${response.status}`);
  const isWasmType = response.headers.get('content-type') === 'application/wasm';
  return isWasmType
    ? WebAssembly.compileStreaming(response)
    : WebAssembly.compile(await response.arrayBuffer());
}

async function acquire({ name, storage }) {
  if (storage === 'memory') return null;
  if (!OpfsStorage.available()) {
    throw makeError(ErrorCode.STORAGE_UNAVAILABLE, 'OPFS sync access handles are not available here');
  }
  return OpfsStorage.acquire(name, [`${name}.sqlite3`, `${name}.sqlite3-journal`]);
}

function getHost() {
  hostPromise ??= (async () => new EngineHost(await instantiate(await compileWasm()), acquire))();
  return hostPromise;
}

const dispatch = createDispatcher(getHost);
self.onmessage = async (event) => self.postMessage(await dispatch(event.data));
