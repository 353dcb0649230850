// The transport of a store shared by several tabs. The owner's transport sends to its own
// worker and serves the other tabs' calls that arrive on a BroadcastChannel; a follower's sends
// its calls to the owner there. Every call, the owner's own or relayed, goes through one queue
// here, so a chunked batch (begin, chunks, end) from one tab never interleaves with another
// tab's calls. Events (quota alerts, changes) reach every tab. When ownership moves, calls
// still waiting on the old owner reject with OWNER_CHANGED (retryable: the call may or may not
// have run), never silently. Every tab holds a presence lock (Web Locks) of its own for as long
// as it lives; while a follower's chunked batch runs, the owner waits on that follower's lock,
// and if the browser grants it (the follower closed or crashed mid-batch) the owner ends the
// batch without committing, so the other tabs' calls go on instead of waiting forever.
import { ErrorCode, makeError, toWire } from '../errors.js';

const SESSION_BEGIN = new Set(['beginBatch', 'beginImport']);
const DEFERRED = Symbol('deferred'); // #runTurn: another tab's chunked batch runs, try again after it
const presenceLock = (name, id) => `edgetally:tab:${name}:${id}`;

export class TabTransport {
  #channel;
  #id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  #local = null; // the owner's worker transport, engine handle and open() answer
  #ownerId = null;
  #ownerKnown;
  #onOwner = () => {};
  #pending = new Map();
  #nextId = 1;
  #eventListeners = new Set();
  #session = null; // { source, done }: the tab whose chunked batch runs
  #queue = Promise.resolve();
  #failure = null; // the error of a takeover that failed
  #name;
  #locks;
  #present; // resolves once this tab holds its presence lock
  #leave = () => {}; // releases it

  /**
   * @param {string} name the store name (one channel per store)
   * @param {object} [locks] the Web Locks API (absent: no presence locks, as in Node)
   */
  constructor(name, Channel = globalThis.BroadcastChannel, locks = globalThis.navigator?.locks) {
    this.#name = name;
    this.#locks = locks;
    this.#channel = new Channel(`edgetally:tabs:${name}`);
    this.#channel.onmessage = ({ data }) => this.#receive(data);
    this.#ownerKnown = new Promise((resolve) => (this.#onOwner = resolve));
    this.#present = this.#holdPresence();
  }

  get isOwner() {
    return this.#local !== null;
  }

  /** The owner's open() answer, as followers receive it (null in a follower). */
  get ownInfo() {
    return this.#local && { ...this.#local.info, handle: 0 };
  }

  /** Makes this tab the owner: its worker transport and opened store (`info`) serve every tab. */
  becomeOwner(local, info) {
    this.#local = { transport: local, handle: info.handle, info };
    this.#setOwner(this.#id);
    this.#channel.postMessage({ kind: 'owner', id: this.#id });
    this.#emit([{ type: 'owner', isOwner: true }]);
  }

  /** Resolves once an owner has answered (followers ask the channel who owns the store). */
  async findOwner() {
    if (!this.#ownerId) this.#channel.postMessage({ kind: 'who' });
    await this.#ownerKnown;
  }

  /** Sends one worker-protocol message ({op, args|bytes}); resolves with its reply. */
  request(message) {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#local) return this.#serve(this.#id, message);
    return this.#relay(message);
  }

  /** `listener(events)` for events caused by other tabs' calls (and ownership changes). */
  onEvents(listener) {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  /** This tab could not take over (`error`, typed): calls waiting and every later call reject with it. */
  fail(error) {
    this.#failure = error;
    this.#failPending(error);
    this.#onOwner(); // an open() still looking for the owner goes on, and its request rejects
  }

  dispose() {
    this.#leave();
    this.#local?.transport.dispose?.();
    this.#local = null;
    this.#channel.close();
    this.#failPending(makeError(ErrorCode.STORE_CLOSED, 'the store was closed'));
  }

  async #relay(message) {
    // The owner watches a batch's tab by its presence lock: the lock must be held before the batch starts.
    if (SESSION_BEGIN.has(message.op)) await this.#present;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, owner: this.#ownerId });
      this.#channel.postMessage({ kind: 'call', to: this.#ownerId, from: this.#id, id, message });
    });
  }

  // Runs a call in the owner's worker, after any other tab's running chunked batch. The wait
  // for that batch happens outside the queue: a call that waited inside it held up the batch's
  // own next chunk behind it, and the store hung for every tab (an owner's card refreshing on the
  // change event of a follower's first import chunk was enough). A call whose turn comes while
  // another tab's batch runs gives its turn back and waits again.
  async #serve(source, message) {
    for (;;) {
      while (this.#session && this.#session.source !== source) await this.#session.done;
      const turn = this.#queue.then(() => this.#runTurn(source, message));
      this.#queue = turn.catch(() => {});
      const reply = await turn;
      if (reply !== DEFERRED) return reply;
    }
  }

  async #runTurn(source, message) {
    if (this.#session && this.#session.source !== source) return DEFERRED;
    const { transport, handle } = this.#local;
    const reply = await transport.request({ ...message, handle });
    this.#track(source, message.op, reply);
    if (reply.events && source !== this.#id) this.#emit(reply.events);
    if (reply.events) this.#channel.postMessage({ kind: 'events', except: source, events: reply.events });
    return reply;
  }

  #track(source, op, reply) {
    if (SESSION_BEGIN.has(op) && reply.ok) {
      let done;
      this.#session = { source, done: new Promise((r) => (done = r)), watch: new AbortController() };
      this.#session.end = done;
      this.#watch(this.#session);
    } else if (op === 'endBatch' && this.#session?.source === source) {
      this.#session.watch.abort();
      this.#session.end();
      this.#session = null;
    }
  }

  #holdPresence() {
    if (!this.#locks) return Promise.resolve();
    return new Promise((held) => {
      const granted = () => {
        held();
        return new Promise((release) => (this.#leave = release));
      };
      this.#locks.request(presenceLock(this.#name, this.#id), granted).catch(() => held());
    });
  }

  // While another tab's batch runs: its presence lock granted to us means that tab is gone, so
  // its batch is ended uncommitted (an atomic batch leaves nothing; a partial one what it wrote).
  #watch(session) {
    if (!this.#locks || session.source === this.#id) return;
    const gone = async () => {
      if (this.#session !== session || !this.#local) return;
      await this.#serve(session.source, { op: 'endBatch', args: { commit: false } }).catch(() => {});
    };
    this.#locks.request(presenceLock(this.#name, session.source), { signal: session.watch.signal }, gone).catch(() => {});
  }

  async #receive(data) {
    if (data.kind === 'who' && this.#local) this.#channel.postMessage({ kind: 'owner', id: this.#id });
    else if (data.kind === 'owner') this.#setOwner(data.id);
    else if (data.kind === 'call' && this.#local && data.to === this.#id) await this.#answer(data);
    else if (data.kind === 'reply' && data.to === this.#id) this.#settle(data);
    else if (data.kind === 'events' && data.except !== this.#id) this.#emit(data.events);
  }

  async #answer({ from, id, message }) {
    let reply;
    try {
      if (message.op === 'close') reply = { ok: true, result: null }; // a follower's close closes only that tab
      else if (message.op === 'openInfo') reply = { ok: true, result: this.ownInfo };
      else reply = await this.#serve(from, message);
    } catch (error) {
      reply = { ok: false, error: toWire(error) };
    }
    this.#channel.postMessage({ kind: 'reply', to: from, id, reply });
  }

  #settle({ id, reply }) {
    const entry = this.#pending.get(id);
    if (!entry) return;
    this.#pending.delete(id);
    entry.resolve(reply);
  }

  #setOwner(id) {
    if (this.#ownerId && this.#ownerId !== id) {
      this.#failPending(makeError(ErrorCode.OWNER_CHANGED, 'the tab that owned the store went away while this call was in flight; it may or may not have run: retry it if it is safe to', { retryable: true }));
    }
    this.#ownerId = id;
    this.#onOwner();
  }

  #failPending(error) {
    for (const entry of this.#pending.values()) entry.reject(error);
    this.#pending.clear();
  }

  #emit(events) {
    for (const listener of this.#eventListeners) listener(events);
  }
}
