// EngineHost: the wasm module and the stores open in it, on the side of the worker protocol
// that runs the engine (the dedicated Worker in browsers, the calling thread in Node). It
// turns the module's JSON envelopes into results or typed errors, and owns each store's
// storage backend for as long as the store is open.
import createEdgeTallyModule from '../dist/edgetally.mjs';
import { encodeArgs, nameSurrogateField } from './arg-check.js';
import { fromWire } from './errors.js';

/**
 * Instantiates the module from an already compiled WebAssembly.Module (compile once, then
 * each instance is cheap; also keeps the Emscripten glue from fetching anything itself).
 * @param {WebAssembly.Module} compiled
 */
export async function instantiate(compiled) {
  const module = await createEdgeTallyModule({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled));
      return {};
    },
  });
  module.edgetallyStorage = new Map(); // backend id -> storage backend, read by the VFS
  return module;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Arguments up to this size go through one buffer kept for the module's lifetime; larger ones
// (multi-megabyte batches) get a buffer of their own, freed after the call.
const SCRATCH_BYTES = 64 * 1024;

// The UTF-8 text at [pointer, pointer + length) of wasm memory.
function readText(module, pointer, length) {
  return length === 0 ? '' : decoder.decode(module.HEAPU8.subarray(pointer, pointer + length));
}

// The reply of module._et_call (src/bindings/embind.cpp, CallReplyWords: 8 words, 2 doubles):
// {result, events?, keep?, bytes?} or its typed error thrown. `text` is the result's JSON (the
// error object when the call failed); `events` (quota alerts, changes) ride along, `keep` is the
// clock window of a cached read's answer, `bytes` how many bytes it handed out.
function readReply(module, address) {
  const words = module.HEAPU32;
  const at = address >>> 2;
  const text = readText(module, words[at + 1], words[at + 2]);
  if (words[at] !== 1) throw fromWire(JSON.parse(text)); // events of a failed call are dropped
  const eventsLength = words[at + 4];
  const events = eventsLength === 0 ? undefined : JSON.parse(readText(module, words[at + 3], eventsLength));
  const reply = { text, events };
  const bytes = module.HEAP32[at + 5];
  if (bytes >= 0) reply.bytes = bytes;
  if (words[at + 6] === 1) {
    const doubles = module.HEAPF64;
    reply.keep = [doubles[(address >>> 3) + 4], doubles[(address >>> 3) + 5]];
  }
  return reply;
}

// A copy of a tree JSON.parse made, as JSON.parse would make it again.
function copyJson(value) {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copyJson);
  const out = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') Object.defineProperty(out, key, { value: copyJson(value[key]), enumerable: true, writable: true, configurable: true });
    else out[key] = copyJson(value[key]);
  }
  return out;
}

// The answers of a store's cached reads (quota checks), the JS half of the core's answer cache
// (src/api/answer_cache.h): the engine marks such an answer with `keep`, the clock window
// within which it holds as long as no other call reaches the store. So an answer is handed out
// again only for the same operation and argument text, while Date.now() (the engine's clock in
// wasm) is in the window, and every call that is not such a read (a write, another read, an
// error) drops all of the store's answers first. An answer is kept as its JSON text and parsed
// when first asked again (keeping one costs nothing when a write drops it before that); each
// caller gets a fresh copy (what one caller changes in its answer, no other sees).
class KeptAnswers {
  #byHandle = new Map(); // handle -> Map(op + '\n' + args text -> {text, tree, from, until})

  find(handle, key) {
    const kept = this.#byHandle.get(handle)?.get(key);
    if (!kept) return undefined;
    const now = Date.now();
    if (now < kept.from || now >= kept.until) return undefined;
    kept.tree ??= JSON.parse(kept.text);
    return copyJson(kept.tree);
  }

  keep(handle, key, text, [from, until]) {
    let answers = this.#byHandle.get(handle);
    if (!answers) this.#byHandle.set(handle, (answers = new Map()));
    if (answers.size >= 32) answers.clear(); // the core keeps as many
    answers.set(key, { text, tree: undefined, from, until });
  }

  drop(handle) {
    if (this.#byHandle.size !== 0) this.#byHandle.delete(handle);
  }
}

function unwrap(envelopeText) {
  const envelope = JSON.parse(envelopeText);
  if (!envelope.ok) throw fromWire(envelope.error);
  return envelope.result;
}

export class EngineHost {
  /**
   * @param {any} module an instantiated module (see instantiate)
   * @param {(options: {name: string, storage: string, path?: string}) => Promise<{storage: string, backend: any, reason?: string}>} acquire
   *   takes ownership of a store's files: returns the storage kind chosen and its backend
   *   (null for memory), and for a fallback the reason
   */
  constructor(module, acquire) {
    this.module = module;
    this.acquire = acquire;
    this.backends = new Map(); // engine handle -> backend id
    this.statuses = new Map(); // engine handle -> {status as last reported, reason at open}
    this.nextBackendId = 1;
    this.answers = new KeptAnswers(); // cached reads' answers per handle
    this.scratch = 0; // the kept argument buffer in wasm memory (SCRATCH_BYTES), once allocated
  }

  /**
   * Opens a store; returns {handle, deviceId, schemaVersion, sqliteVersion} and the storage
   * status {storage, persistent, reason?} (persistent: what is written survives a reload).
   */
  async open(options) {
    const { storage, backend, reason } = await this.acquire(options);
    const status = { storage, persistent: backend !== null, ...(reason ? { reason } : {}) };
    if (!backend) return { ...unwrap(this.module.open(JSON.stringify({ storage: 'memory' }))), ...status };
    const backendId = this.nextBackendId++;
    this.module.edgetallyStorage.set(backendId, backend);
    const config = { storage: 'js', backendId, path: `${options.name}.sqlite3`, verify: options.verify };
    try {
      const info = unwrap(this.module.open(JSON.stringify(config)));
      this.backends.set(info.handle, backendId);
      this.statuses.set(info.handle, { status, openReason: reason });
      return { ...info, ...status };
    } catch (error) {
      this.module.edgetallyStorage.delete(backendId);
      backend.release();
      throw error;
    }
  }

  /**
   * Runs engine operation `op`; returns {result, events?, bytes?} (bytes: a Uint8Array the
   * operation handed out beside its result); throws the typed error on failure.
   */
  call(handle, op, args) {
    const text = encodeArgs(args);
    const key = `${op}\n${text}`;
    const kept = this.answers.find(handle, key);
    if (kept !== undefined) return { result: kept };
    let reply;
    try {
      // ASCII needs text.length bytes; anything else at most 3 bytes per UTF-16 unit.
      reply =
        this.#invoke(handle, op, text.length, (view) => {
          const { read, written } = encoder.encodeInto(text, view);
          return read === text.length ? written : -1;
        }) ?? this.#invoke(handle, op, text.length * 3, (view) => encoder.encodeInto(text, view).written);
    } catch (error) {
      this.answers.drop(handle);
      throw nameSurrogateField(error, args);
    }
    if (reply.keep) this.answers.keep(handle, key, reply.text, reply.keep);
    else this.answers.drop(handle); // any other call may have changed what they answered
    return reply;
  }

  /** Runs a raw-bytes operation (importChunk): `bytes` is copied into wasm memory. */
  callBytes(handle, op, bytes) {
    this.answers.drop(handle);
    return this.#invoke(handle, op, bytes.length, (view) => {
      view.set(bytes);
      return bytes.length;
    });
  }

  // Runs `op` on arguments that `fill(view)` writes into a wasm buffer of `capacity` bytes
  // (after the op's name); fill returns the bytes written, or -1 to give up (this then returns
  // undefined). Returns {result, events?, keep?, bytes?, text}; throws the typed error.
  #invoke(handle, op, capacity, fill) {
    const module = this.module;
    const size = op.length + capacity;
    const own = size > SCRATCH_BYTES;
    if (!own && this.scratch === 0) this.scratch = module._malloc(SCRATCH_BYTES);
    const pointer = own ? module._malloc(size || 1) : this.scratch;
    try {
      const heap = module.HEAPU8;
      const opLength = encoder.encodeInto(op, heap.subarray(pointer, pointer + op.length)).written;
      const argsAt = pointer + opLength;
      const length = fill(heap.subarray(argsAt, argsAt + capacity));
      if (length < 0) return undefined;
      const reply = readReply(module, module._et_call(handle, pointer, opLength, argsAt, length));
      reply.result = JSON.parse(reply.text);
      // bytes handed out beside the result (archive chunks): copied out of wasm memory now
      if (reply.bytes !== undefined) reply.bytes = module.resultBytes(handle).slice();
      return reply;
    } finally {
      if (own) module._free(pointer);
    }
  }

  /**
   * Whether the store's backend saves asynchronously (IndexedDB): only then must a reply wait
   * for settle(). A store that failed to open has no backend left: false.
   */
  savesLater(handle) {
    return this.module.edgetallyStorage.get(this.backends.get(handle))?.whenDurable !== undefined;
  }

  /**
   * Waits until what the store wrote is durable (backends that save asynchronously, like
   * IndexedDB; immediate for the others). Returns {error, event}: error, the failed save's
   * typed error or null; event, a 'storage' status event when durability changed (a save
   * failed, or worked again after failing), or null.
   */
  async settle(handle) {
    const backend = this.module.edgetallyStorage.get(this.backends.get(handle));
    if (!backend?.whenDurable) return { error: null, event: null };
    const error = await backend.whenDurable().then(() => null, (failure) => failure);
    const { status: last, openReason } = this.statuses.get(handle);
    if (last.persistent === (error === null)) return { error, event: null };
    const reason = error ? error.message : openReason;
    const status = { storage: last.storage, persistent: error === null, ...(reason ? { reason } : {}) };
    this.statuses.set(handle, { status, openReason });
    return { error, event: { type: 'storage', ...status } };
  }

  /**
   * Closes the store and gives up its storage once its writes are durable. Closing twice is
   * harmless.
   */
  async close(handle) {
    this.answers.drop(handle);
    unwrap(this.module.close(handle));
    const backendId = this.backends.get(handle);
    if (backendId === undefined) return null;
    const backend = this.module.edgetallyStorage.get(backendId);
    this.module.edgetallyStorage.delete(backendId);
    this.backends.delete(handle);
    this.statuses.delete(handle);
    try {
      await backend.whenDurable?.();
    } finally {
      backend.release();
    }
    return null;
  }

  /** The core's error code table, for checking the generated JS list against it. */
  errorCodes() {
    return JSON.parse(this.module.errorCodes());
  }
}
