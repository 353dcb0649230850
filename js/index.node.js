// The package entry for Node: open() runs the engine in this thread (no worker hop), with the
// store's files in a directory on disk (storage 'node', the default) or in memory.
import fs from 'node:fs';
import { createDispatcher } from './dispatcher.js';
import { EngineHost, instantiate } from './engine-host.js';
import { fromWire } from './errors.js';
import { normalizeOpenOptions } from './options.js';
import { NodeFsStorage } from './storage/node-fs.js';
import { Store } from './store.js';

export * from './public-errors.js';
export { Store };

/** Where Node stores live when open() is given no path. */
const DEFAULT_DIRECTORY = '.edgetally';

let hostPromise = null; // one wasm instance per process, shared by its stores

function getHost() {
  hostPromise ??= (async () => {
    const bytes = fs.readFileSync(new URL('../dist/edgetally.wasm', import.meta.url));
    const module = await instantiate(await WebAssembly.compile(bytes));
    return new EngineHost(module, acquire);
  })().catch((error) => {
    hostPromise = null;
    throw error;
  });
  return hostPromise;
}

async function acquire({ name, storage, path }) {
  if (storage === 'memory') return { storage, backend: null };
  return { storage, backend: NodeFsStorage.acquire(path ?? DEFAULT_DIRECTORY, name) };
}

const dispatch = createDispatcher(getHost);
let nextRequestId = 1;
const transport = { request: (message) => dispatch({ id: nextRequestId++, ...message }) };

/**
 * Opens (creating if needed) a store. See index.d.ts for the options.
 * @param {import('./index.js').OpenOptions} options
 * @returns {Promise<Store>}
 */
export async function open(options) {
  const normalized = normalizeOpenOptions(options, {
    autoStorage: 'node',
    available: ['node', 'memory'],
  });
  const reply = await transport.request({ op: 'open', args: normalized });
  if (!reply.ok) throw fromWire(reply.error);
  return new Store(transport, reply.result, normalized);
}
