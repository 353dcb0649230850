// The package entry for Node: open() runs the engine in this thread (no worker hop), with the
// store's files in a directory on disk (storage 'node', the default) or in memory.
import fs from 'node:fs';
import nodePath from 'node:path';
import { createDispatcher } from './dispatcher.js';
import { EngineHost, instantiate } from './engine-host.js';
import { EdgeTallyError, ErrorCode, fromWire, makeError } from './errors.js';
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

// Creates `directory` one level at a time: a recursive mkdir under /proc never returns.
function makeDirectory(directory) {
  const missing = [];
  for (let at = nodePath.resolve(directory); !fs.existsSync(at); at = nodePath.dirname(at)) missing.unshift(at);
  for (const dir of missing) fs.mkdirSync(dir);
}

async function acquire({ name, storage, path }) {
  if (storage === 'memory') return null;
  const directory = path ?? DEFAULT_DIRECTORY;
  try {
    makeDirectory(directory);
    return NodeFsStorage.acquire(directory, name);
  } catch (error) {
    if (error instanceof EdgeTallyError) throw error;
    // A directory that cannot hold files (under /proc, read-only, a file in the way): an I/O
    // error of the storage, never an internal one.
    throw makeError(ErrorCode.IO_ERROR, `cannot use ${directory} for store '${name}': ${error.message}`, {
      field: 'path',
      path: directory,
      rule: 'io',
    });
  }
}

const dispatch = createDispatcher(getHost);
let nextRequestId = 1;
const transport = { request: (message) => dispatch({ id: nextRequestId++, ...message }) };

/**
 * Opens (creating if needed) a store. See index.d.ts for the options.
 * @param {import('./index.js').OpenOptions} [options] none: the default store
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
