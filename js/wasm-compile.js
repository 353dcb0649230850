// Fetching and compiling edgetally.wasm in browsers, shared by the page (which compiles it once
// for all the workers it starts, see worker-transport.js) and the worker (which compiles it
// itself when no module came): typed errors that name the URL when it cannot be loaded.
import { wasmLoadError } from './load-errors.js';

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

/**
 * @param {string | URL} url
 * @returns {Promise<WebAssembly.Module>}
 */
export async function compileWasm(url) {
  const response = await fetchWasm(String(url));
  try {
    // Streaming needs the application/wasm type; anything else is compiled from its bytes.
    const isWasmType = response.headers.get('content-type') === 'application/wasm';
    return await (isWasmType
      ? WebAssembly.compileStreaming(response)
      : WebAssembly.compile(await response.arrayBuffer()));
  } catch (error) {
    throw wasmLoadError(String(url), `not a WebAssembly module (${error?.message ?? error})`);
  }
}
