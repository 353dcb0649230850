// The dedicated Worker that runs the engine in browsers: loads the wasm, owns the storage (OPFS
// handles, or IndexedDB where OPFS is missing; see storage/select.browser.js) of the stores it
// opens, and answers the worker protocol (see dispatcher.js).
import { createDispatcher } from './dispatcher.js';
import { EngineHost, instantiate } from './engine-host.js';
import { ErrorCode, makeError } from './errors.js';
import { acquireBrowserStorage } from './storage/select.browser.js';

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

function getHost() {
  hostPromise ??= (async () => new EngineHost(await instantiate(await compileWasm()), acquireBrowserStorage))();
  return hostPromise;
}

const dispatch = createDispatcher(getHost);
self.onmessage = async (event) => self.postMessage(await dispatch(event.data));
