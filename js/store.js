// Store: the public promise API of one open store. Every operation sends one request through
// the transport (a Worker in browsers, a direct call in Node) and resolves with the result or
// rejects with a typed EdgeTallyError. Operation names and argument objects follow the
// reference API (groupId, things, metric, ...), so code written against it ports by swapping
// the client. index.d.ts documents each operation's arguments and result.
import { inferFormat, knownSize, readChunks } from './chunks.js';
import { ErrorCode, fromWire, makeError } from './errors.js';

/** Rows per slice when batchInsertThings runs in chunks, bytes per chunk for in-memory files. */
export const DEFAULT_ROW_CHUNK = 20000;
export const DEFAULT_BYTE_CHUNK = 1 << 20;

/** The engine operations a Store exposes as methods of the same name, each `(args) => Promise`. */
export const OPERATIONS = Object.freeze([
  // store and entities
  'info',
  'checkIntegrity',
  'createGroup',
  'getGroup',
  'insertThing',
  'batchCreateConnections',
  'batchUpdateThings',
  'getThing',
  'countThings',
  'setValidationRules',
  'getValidationRules',
  // quotas (reads reserve nothing)
  'getGroupQuotas',
  'checkCanCreateEntities',
  'checkCanStore',
  'getQuotaStatus',
  'getUpgradePricing',
  // usage
  'recordUsage',
  'enforceQuota',
  'resetPeriodCounter',
  // plans
  'listPlans',
  'definePlans',
  'setGroupPlan',
  'setWarningThresholds',
  // what sync feeds in
  'setServerTotals',
  'acknowledgeUsage',
]);

// Calls a listener; its bug surfaces as an uncaught error, not as the error of the call.
function notify(listener, event) {
  try {
    listener(event);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

export class Store {
  #transport;
  #handle;
  #closed = false;
  #alertListeners = new Set();
  #storageListeners = new Set();
  #storageReason; // why 'auto' did not get OPFS, or why the last save failed
  #session = null; // a running chunked batch: other calls wait for it

  /**
   * @param {{request: (message: object) => Promise<any>, dispose?: () => void}} transport
   * @param {{handle: number, deviceId: string, schemaVersion: number, sqliteVersion: string}} info
   * @param {{name: string, storage: string}} options
   */
  constructor(transport, info, options) {
    this.#transport = transport;
    this.#handle = info.handle;
    this.name = options.name;
    /** The storage chosen ('opfs', 'indexeddb', 'node' or 'memory'; 'auto' resolved). */
    this.storage = info.storage ?? options.storage;
    /** True only while what is written survives a reload (false for memory, or a failed save). */
    this.persistent = info.persistent ?? this.storage !== 'memory';
    this.#storageReason = info.reason;
    this.deviceId = info.deviceId;
    this.schemaVersion = info.schemaVersion;
  }

  async #call(op, args, bytes) {
    while (this.#session) await this.#session.catch(() => {});
    return this.#send(op, args, bytes);
  }

  async #send(op, args, bytes) {
    if (this.#closed) {
      throw makeError(ErrorCode.STORE_CLOSED, `store '${this.name}' is closed`, { op });
    }
    const message = bytes ? { op, handle: this.#handle, bytes } : { op, handle: this.#handle, args };
    const reply = await this.#transport.request(message);
    if (reply.events) this.#emit(reply.events);
    if (!reply.ok) throw fromWire(reply.error);
    return reply.result;
  }

  #emit(events) {
    for (const event of events) {
      if (event.type === 'storage') {
        this.persistent = event.persistent;
        this.#storageReason = event.reason;
      }
      const listeners = { quota: this.#alertListeners, storage: this.#storageListeners }[event.type];
      for (const listener of listeners ?? []) notify(listener, event);
    }
  }

  /** The storage status as a 'storage' event: {type, storage, persistent, reason?}. */
  get storageStatus() {
    const { storage, persistent } = this;
    const reason = this.#storageReason;
    return { type: 'storage', storage, persistent, ...(reason ? { reason } : {}) };
  }

  // Runs `steps(send)` as one chunked batch: begin, chunks, endBatch; other calls wait. On
  // abort, error or a thrown listener, the session is ended without committing.
  async #runSession(begin, steps, signal) {
    // Inline, not a helper: when no session runs, the check and the assignment of #session below
    // must happen in the same tick, or a call made right after could slip in ahead of it.
    while (this.#session) await this.#session.catch(() => {});
    const run = (async () => {
      await this.#send(begin.op, begin.args);
      let ended = false;
      try {
        await steps((op, args, bytes) => this.#send(op, args, bytes));
        const aborted = signal?.aborted === true;
        const result = await this.#send('endBatch', { commit: !aborted });
        ended = true;
        if (aborted) {
          throw makeError(ErrorCode.ABORTED, 'the batch was cancelled', { result, reason: String(signal.reason ?? '') });
        }
        return result;
      } finally {
        if (!ended) await this.#send('endBatch', { commit: false }).catch(() => {});
      }
    })();
    this.#session = run;
    try {
      return await run;
    } finally {
      this.#session = null;
    }
  }

  /**
   * Inserts things; see index.d.ts. Large arrays (over `chunkSize` rows) and calls with
   * onProgress or signal run in slices, so progress is reported and the call can be cancelled.
   */
  batchInsertThings(args = {}) {
    const { onProgress, signal, chunkSize = DEFAULT_ROW_CHUNK, ...rest } = args;
    const things = rest.things;
    const chunked = Array.isArray(things) && (things.length > chunkSize || onProgress || signal);
    if (!chunked) return this.#call('batchInsertThings', rest);
    const { groupId, mode, skipValidation } = rest;
    const begin = { op: 'beginBatch', args: { groupId, mode, skipValidation, total: things.length } };
    return this.#runSession(begin, async (send) => {
      for (let at = 0; at < things.length && !signal?.aborted; at += chunkSize) {
        const progress = await send('batchChunk', { things: things.slice(at, at + chunkSize) });
        onProgress?.({ ...progress, rowsTotal: things.length });
      }
    }, signal);
  }

  /**
   * Imports a CSV, NDJSON or JSON-array file in chunks (bytes, string, Blob/File, ReadableStream
   * or async iterable); see index.d.ts for the options.
   */
  async importFile(args = {}) {
    const { file, format, onProgress, signal, chunkSize = DEFAULT_BYTE_CHUNK, ...rest } = args;
    const chunks = readChunks(file, chunkSize);
    const bytesTotal = knownSize(file);
    const begin = { op: 'beginImport', args: { ...rest, format: inferFormat(format, file) } };
    return this.#runSession(begin, async (send) => {
      for await (const chunk of chunks) {
        if (signal?.aborted) break;
        const progress = await send('importChunk', undefined, chunk);
        onProgress?.({ ...progress, bytesTotal });
      }
    }, signal);
  }

  /**
   * Calls `listener(alert)` when a group's metric crosses its warning threshold or its limit
   * (once per threshold per quota period). Returns a function that unsubscribes.
   * @param {(alert: object) => void} listener
   */
  onQuotaAlert(listener) {
    if (typeof listener !== 'function') {
      throw makeError(ErrorCode.INVALID_ARGUMENT, 'onQuotaAlert takes a function', {
        field: 'listener',
        rule: 'function',
      });
    }
    this.#alertListeners.add(listener);
    return () => this.#alertListeners.delete(listener);
  }

  /**
   * Calls `listener(status)` with the storage status (see storageStatus) right away (in a
   * microtask) and again whenever it changes: persistent turns false when a save to IndexedDB
   * fails, and true again when one succeeds. Returns a function that unsubscribes.
   * @param {(status: object) => void} listener
   */
  onStorage(listener) {
    if (typeof listener !== 'function') {
      throw makeError(ErrorCode.INVALID_ARGUMENT, 'onStorage takes a function', {
        field: 'listener',
        rule: 'function',
      });
    }
    this.#storageListeners.add(listener);
    queueMicrotask(() => this.#storageListeners.has(listener) && notify(listener, this.storageStatus));
    return () => this.#storageListeners.delete(listener);
  }

  /** Closes the store and releases its storage; later calls reject with STORE_CLOSED. */
  async close() {
    if (this.#closed) return;
    await this.#call('close', {});
    this.#closed = true;
    this.#alertListeners.clear();
    this.#storageListeners.clear();
    this.#transport.dispose?.();
  }

  static {
    for (const op of OPERATIONS) {
      Object.defineProperty(this.prototype, op, {
        value: function (args) {
          return this.#call(op, args ?? {});
        },
        writable: true,
        configurable: true,
      });
    }
  }
}
