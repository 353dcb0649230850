// Store: the public promise API of one open store. Every method sends one request through the
// transport (a Worker in browsers, a direct call in Node) and resolves with the result or
// rejects with a typed EdgeTallyError. Method names and argument objects follow the reference
// API (groupId, things, ...), so code written against it ports by swapping the client.
import { ErrorCode, fromWire, makeError } from './errors.js';

export class Store {
  #transport;
  #handle;
  #closed = false;

  /**
   * @param {{request: (message: object) => Promise<any>, dispose?: () => void}} transport
   * @param {{handle: number, deviceId: string, schemaVersion: number, sqliteVersion: string}} info
   * @param {{name: string, storage: string}} options
   */
  constructor(transport, info, options) {
    this.#transport = transport;
    this.#handle = info.handle;
    this.name = options.name;
    this.storage = options.storage;
    this.deviceId = info.deviceId;
    this.schemaVersion = info.schemaVersion;
  }

  async #call(op, args) {
    if (this.#closed) {
      throw makeError(ErrorCode.STORE_CLOSED, `store '${this.name}' is closed`, { op });
    }
    const reply = await this.#transport.request({ op, handle: this.#handle, args });
    if (!reply.ok) throw fromWire(reply.error);
    return reply.result;
  }

  /** {deviceId, schemaVersion, sqliteVersion} */
  info() {
    return this.#call('info', {});
  }
  /** Runs SQLite's integrity check: {ok, problems: string[]}. */
  checkIntegrity() {
    return this.#call('checkIntegrity', {});
  }
  /** Creates a group (tenant): {id?, name, plan} -> {id, name, plan, createdAt}. */
  createGroup(args) {
    return this.#call('createGroup', args);
  }
  /** {groupId} -> the group. */
  getGroup(args) {
    return this.#call('getGroup', args);
  }
  /** Inserts one thing: {groupId, type, name, properties?} -> the stored thing. */
  insertThing(args) {
    return this.#call('insertThing', args);
  }
  /** Inserts many things in one transaction: {groupId, things} -> {created, failed, errors, summary}. */
  batchInsertThings(args) {
    return this.#call('batchInsertThings', args);
  }
  /** {thingId} -> the thing. */
  getThing(args) {
    return this.#call('getThing', args);
  }
  /** {groupId, type?} -> number of things. */
  countThings(args) {
    return this.#call('countThings', args);
  }

  /** Closes the store and releases its storage; later calls reject with STORE_CLOSED. */
  async close() {
    if (this.#closed) return;
    await this.#call('close', {});
    this.#closed = true;
    this.#transport.dispose?.();
  }
}
