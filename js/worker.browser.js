// The dedicated Worker that runs the engine in browsers: loads the wasm, owns the storage (OPFS
// handles, or IndexedDB where OPFS is missing; see storage/select.browser.js) of the stores it
// opens, and answers the worker protocol (see dispatcher.js). The wasm is
// referenced as `new URL('../dist/edgetally.wasm', import.meta.url)`, the form bundlers emit;
// an open request may carry `wasmUrl` (the open() option) to load it from elsewhere.
import { createDispatcher } from './dispatcher.js';
import { EngineHost, instantiate } from './engine-host.js';
import { wasmLoadError } from './load-errors.js';
import { acquireBrowserStorage } from './storage/select.browser.js';

let hostPromise = null;
let wasmUrl = null; // the first open request's wasmUrl, if any

async function fetchWasm(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw wasmLoadError(url, error?.message ?? String(error));
  }
  if (!response.ok) throw wasmLoadError(url, `HTTP ${response.status}`);
  return response;
}

async function compileWasm() {
  const url = wasmUrl ?? new URL('../dist/edgetally.wasm', import.meta.url).href;
  const response = await fetchWasm(url);
  try {
    // Streaming needs the application/wasm type; anything else is compiled from its bytes.
    const isWasmType = response.headers.get('content-type') === 'application/wasm';
    return await (isWasmType
      ? WebAssembly.compileStreaming(response)
      : WebAssembly.compile(await response.arrayBuffer()));
  } catch (error) {
    throw wasmLoadError(url, `not a WebAssembly module (${error?.message ?? error})`);
  }
}

function getHost() {
  hostPromise ??= (async () => new EngineHost(await instantiate(await compileWasm()), acquireBrowserStorage))().catch(
    (error) => {
      hostPromise = null; // a later open may succeed (e.g. the server is back)
      throw error;
    },
  );
  return hostPromise;
}

const dispatch = createDispatcher(getHost);
self.onmessage = async (event) => {
  if (typeof event.data?.wasmUrl === 'string') wasmUrl ??= event.data.wasmUrl;
  self.postMessage(await dispatch(event.data));
};
self.postMessage({ ready: true }); // every import loaded (see worker-transport.js)
