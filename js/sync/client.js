// SyncClient: when sync runs, and what the UI can see of it. One round at a time; a round
// starts on open, after a local write (debounced), on the `online` event, when the page becomes
// visible, on an interval, on sync(), and when a retry is due after a failed round. A failed
// round is always followed by a retry on the backoff schedule, so the queue drains again
// without a new write; while a retry is pending, writes, intervals and visibility changes wait
// for it (they do not hammer a failing server), and `online` and sync() start a round at once.
// Archive chunks the server refused for good are parked here (with the reason, in the status)
// for the life of the client; a restarted client offers them once more.
import { ARCHIVE_OPERATIONS, chunkCounts } from './archives.js';
import { retryDelay } from './backoff.js';
import { runRound } from './round.js';

/** Engine operations of sync itself: they never count as a local write. */
const OWN_OPERATIONS = new Set(['syncReadOutbox', 'syncApplyReply', 'syncStatus', 'syncGroups', 'listDeadLetters',
  ...Object.values(ARCHIVE_OPERATIONS)]);
const READS = /^(info|checkIntegrity|get|count|check|list)/;

const timerApi = {
  set: (fn, ms) => {
    const id = setTimeout(fn, ms);
    id?.unref?.(); // never keeps a Node process alive by itself
    return id;
  },
  clear: (id) => clearTimeout(id),
};

export class SyncClient {
  #call;
  #options;
  #status = {
    state: 'idle', pendingCount: 0, pendingBytes: 0, oldestPendingAt: null, lastAttemptAt: null,
    lastSuccessAt: null, lastError: null, nextRetryAt: null, deadLetterCount: 0,
    chunksPending: 0, chunksUploaded: 0, chunksParked: 0, parkedChunks: [],
  };
  #archives; // {ops, parked: Map id -> parked chunk}; null for an engine without archival
  #listeners = new Set();
  #tokens = new Map();
  #current = null;
  #next = null;
  #failures = 0;
  #wake = null; // {id, at}
  #countsTimer = null;
  #interval = null;
  #abort = new AbortController();
  #stopped = false;
  #unlisten = [];

  /** @param {{call: (op: string, args: object) => Promise<any>, options: object}} init */
  constructor({ call, options }) {
    this.#call = call;
    this.#options = options;
  }

  /** Starts the triggers and schedules the first round (on open). */
  start() {
    const { environment, document, intervalMs } = this.#options;
    this.#listen(environment, 'online', () => {
      this.#failures = 0;
      this.#run();
    });
    this.#listen(document, 'visibilitychange', () => this.#trigger(0));
    if (intervalMs > 0) {
      this.#interval = setInterval(() => this.#trigger(0), intervalMs);
      this.#interval?.unref?.();
    }
    this.#trigger(0);
  }

  #listen(target, type, handler) {
    if (typeof target?.addEventListener !== 'function') return;
    target.addEventListener(type, handler);
    this.#unlisten.push(() => target.removeEventListener(type, handler));
  }

  /** Called by the store for each committed write (its change event, from this tab or another). */
  noteOperation(op) {
    if (this.#stopped || OWN_OPERATIONS.has(op) || READS.test(op)) return;
    this.#trigger(this.#options.debounceMs);
    if (!this.#countsTimer) {
      this.#countsTimer = timerApi.set(() => {
        this.#countsTimer = null;
        this.#refreshCounts().catch(() => {});
      }, this.#options.debounceMs);
    }
  }

  // An automatic trigger: a round in `delayMs`, unless a retry is already scheduled.
  #trigger(delayMs) {
    if (this.#stopped || this.#status.nextRetryAt !== null) return;
    this.#wakeIn(delayMs);
  }

  #wakeIn(delayMs) {
    const at = Date.now() + delayMs;
    if (this.#wake && this.#wake.at <= at) return;
    if (this.#wake) timerApi.clear(this.#wake.id);
    this.#wake = { at, id: timerApi.set(() => {
      this.#wake = null;
      this.#run();
    }, delayMs) };
  }

  /** Runs a round now (after the one in progress, if any); resolves with its summary. */
  sync() {
    return this.#run();
  }

  #run() {
    if (this.#stopped) return Promise.resolve(null);
    if (!this.#current) {
      this.#current = this.#round().finally(() => {
        this.#current = null;
      });
      return this.#current;
    }
    this.#next ??= this.#current.then(() => {
      this.#next = null;
      return this.#run();
    });
    return this.#next;
  }

  async #round() {
    if (this.#wake) {
      timerApi.clear(this.#wake.id);
      this.#wake = null;
    }
    this.#update({ state: 'syncing', lastAttemptAt: Date.now(), nextRetryAt: null });
    let summary;
    try {
      const archives = await this.#archiveState();
      summary = await runRound({ call: this.#call, options: this.#options, token: (g, r) => this.#token(g, r), signal: this.#abort.signal, archives });
    } catch (error) {
      if (this.#stopped) return null;
      summary = { sent: 0, accepted: 0, duplicates: 0, rejected: 0, parked: 0, batches: 0, retryAfterMs: null,
        error: { kind: 'local', code: error?.code ?? 'INTERNAL', message: String(error?.message ?? error) } };
    }
    if (this.#stopped) return summary;
    const failed = summary.error !== null && summary.error.kind !== 'rejected';
    const patch = { state: failed ? 'waiting' : 'idle', lastError: summary.error ? { ...summary.error, at: Date.now() } : null };
    if (failed) {
      const delay = retryDelay(this.#failures++, this.#options.backoff, summary.retryAfterMs, this.#options.random);
      patch.nextRetryAt = Date.now() + delay;
      this.#wakeIn(delay);
    } else {
      this.#failures = 0;
      patch.lastSuccessAt = Date.now();
    }
    this.#update(patch);
    await this.#refreshCounts().catch(() => {});
    return summary;
  }

  async #token(groupId, refresh) {
    if (!refresh && this.#tokens.has(groupId)) return this.#tokens.get(groupId);
    this.#tokens.delete(groupId);
    const token = await this.#options.getToken(groupId);
    if (typeof token !== 'string' || token.length === 0) throw new Error('getToken must resolve with a non-empty string');
    this.#tokens.set(groupId, token);
    return token;
  }

  // The archival operations, once known to exist (an engine built without them answers UNKNOWN_OPERATION).
  async #archiveState() {
    if (this.#archives !== undefined) return this.#archives;
    try {
      await this.#call(ARCHIVE_OPERATIONS.list, {});
      this.#archives = { ops: ARCHIVE_OPERATIONS, parked: new Map() };
    } catch (error) {
      if (error?.code !== 'UNKNOWN_OPERATION') throw error;
      this.#archives = null;
    }
    return this.#archives;
  }

  async #refreshCounts() {
    if (this.#stopped) return;
    const counts = await this.#call('syncStatus', {});
    const archives = await this.#archiveState();
    if (archives) {
      const { pending, uploaded } = await chunkCounts(this.#call, archives.ops);
      const parked = [...archives.parked.values()];
      Object.assign(counts, { chunksPending: Math.max(0, pending - parked.length), chunksUploaded: uploaded, chunksParked: parked.length });
      // A new array only when the list changed, so an unchanged status sends no event.
      if (parked.length !== this.#status.parkedChunks.length) counts.parkedChunks = parked.map((p) => ({ ...p }));
    }
    if (!this.#stopped) this.#update(counts);
  }

  /** The status with fresh outbox counts. */
  async getStatus() {
    await this.#refreshCounts().catch(() => {});
    return { ...this.#status };
  }

  onStatus(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #update(patch) {
    const next = { ...this.#status, ...patch };
    const changed = Object.keys(next).some((key) => next[key] !== this.#status[key]);
    this.#status = next;
    if (!changed) return;
    const snapshot = { ...next };
    for (const listener of this.#listeners) {
      try {
        listener(snapshot);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Stops every trigger and the request in flight; waits for the round to end. */
  async stop() {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#abort.abort();
    for (const undo of this.#unlisten) undo();
    if (this.#wake) timerApi.clear(this.#wake.id);
    if (this.#countsTimer) timerApi.clear(this.#countsTimer);
    if (this.#interval) clearInterval(this.#interval);
    await this.#current?.catch(() => {});
    this.#update({ state: 'stopped', nextRetryAt: null });
    this.#listeners.clear();
  }
}
