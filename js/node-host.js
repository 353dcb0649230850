// The engine's host in Node, for whichever thread runs it (the calling thread by default, or a
// worker_threads Worker with open({worker: true})): the wasm compiled once per thread (or
// handed over by the thread that compiled it) and one instance shared by the thread's stores,
// each store's files in a directory on disk (NodeFsStorage) or in memory.
import fs from 'node:fs';
import nodePath from 'node:path';
import { EngineHost, instantiate } from './engine-host.js';
import { EdgeTallyError, ErrorCode, makeError } from './errors.js';
import { NodeFsStorage } from './storage/node-fs.js';

/** Where Node stores live when open() is given no path. */
export const DEFAULT_DIRECTORY = '.edgetally';
const WASM_URL = new URL('../dist/edgetally.wasm', import.meta.url);

let compiledPromise = null;
let hostPromise = null;

/** The compiled module (read from dist/ on first use), or the one `provided`. */
export function compileNodeWasm(provided) {
  compiledPromise ??= provided ? Promise.resolve(provided) : WebAssembly.compile(fs.readFileSync(WASM_URL));
  return compiledPromise;
}

/** The store's storage {storage, backend}: backend null for memory, else the directory's files, its lock taken. */
export async function acquireNodeStorage({ name, storage, path }) {
  if (storage === 'memory') return { storage, backend: null };
  const directory = path ?? DEFAULT_DIRECTORY;
  try {
    makeDirectory(directory);
    return { storage, backend: NodeFsStorage.acquire(directory, name) };
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

// Creates `directory` one level at a time: a recursive mkdir under /proc never returns.
function makeDirectory(directory) {
  const missing = [];
  for (let at = nodePath.resolve(directory); !fs.existsSync(at); at = nodePath.dirname(at)) missing.unshift(at);
  for (const dir of missing) fs.mkdirSync(dir);
}

/** The thread's EngineHost; a failed start is retried on the next call. */
export function getNodeHost() {
  hostPromise ??= (async () => new EngineHost(await instantiate(await compileNodeWasm()), acquireNodeStorage))()
    .catch((error) => {
      hostPromise = null;
      compiledPromise = null;
      throw error;
    });
  return hostPromise;
}
