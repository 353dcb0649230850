// Store: the public promise API of one open store. Every operation sends one request through
// the transport (a Worker in browsers, a direct call in Node) and resolves with the result or
// rejects with a typed EdgeTallyError. Operation names and argument objects follow the
// reference API (groupId, things, metric, ...), so code written against it ports by swapping
// the client. The methods come from the core's operation manifest (generated OPERATIONS; see
// src/api/operations.h); index.d.ts documents each operation's arguments and result.
import { asBytes, inferFormat, knownSize, readChunks } from './chunks.js';
import { CHUNK_BOUNDS, checkArgsObject, checkChunkOptions } from './arg-check.js';
import { EdgeTallyError, ErrorCode, fromWire, makeError } from './errors.js';
import { OPERATIONS } from './generated/operations.js';
import { SyncClient } from './sync/client.js';
import { ArchivalRunner } from './archive/runner.js';

/** Rows per slice when batchInsertThings runs in chunks, bytes per chunk for in-memory files. */
export const DEFAULT_ROW_CHUNK = 20000;
export const DEFAULT_BYTE_CHUNK = 1 << 20;

export { OPERATIONS };
/**
 * Store methods that are not engine operations (the manifest accounts for the rest: OPERATIONS
 * are generated, batchInsertThings and importFile are written below on its chunked steps; sync()
 * and getSyncStatus() run on the manifest's internal sync steps).
 */
export const LOCAL_METHODS = Object.freeze([
  'onQuotaAlert',
  'onChange',
  'onOwnerChange',
  'sync',
  'getSyncStatus',
  'onSyncStatus',
  'onStorage',
  'close',
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
  #listeners = { quota: new Set(), change: new Set(), owner: new Set(), storage: new Set() };
  #storageReason; // why 'auto' did not get OPFS, or why the last save failed
  #session = null; // a running chunked batch: other calls wait for it
  #sync = null; // the SyncClient when open() was given a `sync` option
  #fileSize; // (path) => Promise<bytes>: the Node entry's stat, for file streams' bytesTotal
  #archival; // archival runs and the daily schedule (archive/runner.js)

  /**
   * @param {{request: (message: object) => Promise<any>, dispose?: () => void}} transport
   * @param {{handle: number, deviceId: string, schemaVersion: number, sqliteVersion: string}} info
   * @param {{name: string, storage: string}} options
   * @param {{sync?: object | null, fileSize?: (path: string) => Promise<number>}} [host] what the
   *   entry point offers: normalized sync options (js/sync/options.js), the Node entry's stat
   */
  constructor(transport, info, options, host = {}) {
    this.#transport = transport;
    this.#fileSize = host.fileSize;
    this.#handle = info.handle;
    this.name = options.name;
    /** The storage chosen ('opfs', 'indexeddb', 'node' or 'memory'; 'auto' resolved). */
    this.storage = info.storage ?? options.storage;
    /** True only while what is written survives a reload (false for memory, or a failed save). */
    this.persistent = info.persistent ?? this.storage !== 'memory';
    this.#storageReason = info.reason;
    this.deviceId = info.deviceId;
    this.schemaVersion = info.schemaVersion;
    transport.onEvents?.((events) => this.#emit(events)); // events of other tabs' calls
    this.#archival = new ArchivalRunner((op, args) => this.#call(op, args));
    if (this.isOwner) this.#archival.start(); // the daily schedule runs in the owning tab
    if (host.sync) {
      this.#sync = new SyncClient({ call: (op, args) => this.#call(op, args), options: host.sync });
      if (this.isOwner) this.#sync.start(); // only the tab that owns a shared store syncs on its own
    }
  }

  /** Whether this tab runs the store's engine (false: another tab owns it, calls go there). */
  get isOwner() {
    return this.#transport.isOwner ?? true;
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
    if (reply.bytes !== undefined) return { ...reply.result, body: reply.bytes }; // archive chunk bytes
    return reply.result;
  }

  #emit(events) {
    for (const event of events) {
      if (event.type === 'storage') {
        this.persistent = event.persistent;
        this.#storageReason = event.reason;
      }
      // A committed write, in this tab or another: the trigger "after a commit" of the sync client
      // (a read, even one the name filter would take for a write, commits nothing and sends no event).
      if (event.type === 'change' && this.isOwner) this.#sync?.noteOperation(event.op);
      if (event.type === 'owner' && event.isOwner) this.#sync?.start(); // this tab took over
      if (event.type === 'owner' && event.isOwner) this.#archival.start();
      if (event.type === 'change' && event.op === 'configureArchival') this.#archival.refresh();
      for (const listener of this.#listeners[event.type] ?? []) notify(listener, event);
    }
  }

  #listen(type, listener, method) {
    if (typeof listener !== 'function') {
      throw makeError(ErrorCode.INVALID_ARGUMENT, `${method} takes a function`, { field: 'listener', rule: 'function' });
    }
    this.#listeners[type].add(listener);
    return () => this.#listeners[type].delete(listener);
  }

  /** The storage status as a 'storage' event: {type, storage, persistent, reason?}. */
  get storageStatus() {
    const { storage, persistent } = this;
    const reason = this.#storageReason;
    return { type: 'storage', storage, persistent, ...(reason ? { reason } : {}) };
  }

  // Runs `steps(send)` as one chunked batch: begin, chunks, endBatch; other calls wait. On
  // abort, error or a thrown listener, the session is ended without committing (a partial
  // session keeps what it wrote; a typed error then carries it as details.result).
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
      } catch (error) {
        if (!ended) {
          const kept = await this.#send('endBatch', { commit: false }).catch(() => undefined);
          if (kept && begin.args.mode === 'partial' && error instanceof EdgeTallyError) error.details.result ??= kept;
        }
        throw error;
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
  async batchInsertThings(args = {}) {
    checkArgsObject(args, 'batchInsertThings');
    const { onProgress, signal, chunkSize = DEFAULT_ROW_CHUNK, ...rest } = args;
    checkChunkOptions({ onProgress, signal, chunkSize }, CHUNK_BOUNDS.rows);
    const things = rest.things;
    const chunked = Array.isArray(things) && (things.length > chunkSize || onProgress || signal);
    if (!chunked) return this.#call('batchInsertThings', rest);
    const options = { ...rest, total: things.length }; // every other field goes to beginBatch, which checks it
    delete options.things;
    const begin = { op: 'beginBatch', args: options };
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
    checkArgsObject(args, 'importFile');
    const { file: source, format, onProgress, signal, chunkSize = DEFAULT_BYTE_CHUNK, ...rest } = args;
    checkChunkOptions({ onProgress, signal, chunkSize }, CHUNK_BOUNDS.bytes);
    const file = asBytes(source);
    const chunks = readChunks(file, chunkSize);
    const begin = { op: 'beginImport', args: { ...rest, format: inferFormat(format, source) } };
    // No await before #runSession: it must claim the store in this tick (see there), so the
    // size of a file stream is read inside the session.
    return this.#runSession(begin, async (send) => {
      const bytesTotal = await knownSize(file, this.#fileSize);
      for await (const chunk of chunks) {
        if (signal?.aborted) break;
        const progress = await send('importChunk', undefined, chunk);
        onProgress?.({ ...progress, bytesTotal });
      }
    }, signal);
  }

  /** Archives the group's next chunk of old events; see index.d.ts. */
  async archiveEventBatch(args = {}) {
    checkArgsObject(args, 'archiveEventBatch');
    return this.#call('archiveEventBatch', args);
  }

  /** Archives a group's events older than its cutoff, chunk by chunk; see index.d.ts. */
  archiveGroupEvents(args = {}) {
    return this.#archival.archiveGroup(args);
  }

  /** Runs archival now for every group, then body retention; see index.d.ts. */
  runDailyArchival(args = {}) {
    return this.#archival.runDaily(args);
  }

  /** A chunk's events, verified against its SHA-256; see index.d.ts. */
  async readArchive(args = {}) {
    checkArgsObject(args, 'readArchive');
    return this.#call('readArchive', args);
  }

  /** A chunk's gzip bytes (verified), e.g. for a download; see index.d.ts. */
  async exportArchive(args = {}) {
    checkArgsObject(args, 'exportArchive');
    return (await this.#call('exportArchive', args)).body;
  }

  /**
   * Calls `listener(alert)` when a group's metric crosses its warning threshold or its limit
   * (once per threshold per quota period). Returns a function that unsubscribes.
   * @param {(alert: object) => void} listener
   */
  onQuotaAlert(listener) {
    return this.#listen('quota', listener, 'onQuotaAlert');
  }

  /**
   * Calls `listener({ type: 'change', op, groupId })` after each committed write, in this tab or
   * another tab sharing the store. Returns a function that unsubscribes.
   * @param {(change: object) => void} listener
   */
  onChange(listener) {
    return this.#listen('change', listener, 'onChange');
  }

  /**
   * Calls `listener({ type: 'owner', isOwner })` when this tab takes over a shared store.
   * @param {(event: object) => void} listener
   */
  onOwnerChange(listener) {
    return this.#listen('owner', listener, 'onOwnerChange');
  }

  /**
   * Runs a sync round now (after the one in progress, if any). Resolves when it ends with
   * {sent, accepted, duplicates, rejected, parked, batches, error, retryAfterMs}; a failed
   * round resolves too (with `error`) and is retried on the backoff schedule.
   */
  sync() {
    if (!this.#sync) return Promise.reject(this.#noSync());
    return this.#sync.sync();
  }

  /** The sync status: outbox counts, last attempt/success/error, next retry; see index.d.ts. */
  async getSyncStatus() {
    if (this.#sync) return this.#sync.getStatus();
    const counts = await this.#call('syncStatus', {});
    return { state: 'disabled', lastAttemptAt: null, lastSuccessAt: null, lastError: null, nextRetryAt: null, ...counts };
  }

  /** Calls `listener(status)` whenever the sync status changes; returns an unsubscribe function. */
  onSyncStatus(listener) {
    if (typeof listener !== 'function') {
      throw makeError(ErrorCode.INVALID_ARGUMENT, 'onSyncStatus takes a function', { field: 'listener', rule: 'function' });
    }
    if (!this.#sync) throw this.#noSync();
    return this.#sync.onStatus(listener);
  }

  #noSync() {
    return makeError(ErrorCode.INVALID_ARGUMENT, 'sync is not configured: open the store with { sync: { url, getToken } }', {
      field: 'sync',
      rule: 'required',
    });
  }

  /**
   * Calls `listener(status)` with the storage status (see storageStatus) right away (in a
   * microtask) and again whenever it changes: persistent turns false when a save to IndexedDB
   * fails, and true again when one succeeds. Returns a function that unsubscribes.
   * @param {(status: object) => void} listener
   */
  onStorage(listener) {
    const off = this.#listen('storage', listener, 'onStorage');
    queueMicrotask(() => this.#listeners.storage.has(listener) && notify(listener, this.storageStatus));
    return off;
  }

  /** Closes the store and releases its storage; later calls reject with STORE_CLOSED. */
  async close() {
    if (this.#closed) return;
    await this.#sync?.stop();
    await this.#archival.stop();
    await this.#call('close', {});
    this.#closed = true;
    for (const set of Object.values(this.#listeners)) set.clear();
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
