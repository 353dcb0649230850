// Store: the public promise API of one open store. Every operation sends one request through
// the transport (a Worker in browsers, a direct call in Node) and resolves with the result or
// rejects with a typed EdgeTallyError. Operation names and argument objects follow the
// reference API (groupId, things, metric, ...), so code written against it ports by swapping
// the client. index.d.ts documents each operation's arguments and result.
import { ErrorCode, fromWire, makeError } from './errors.js';

/** The engine operations a Store exposes as methods of the same name, each `(args) => Promise`. */
export const OPERATIONS = Object.freeze([
  // store and entities
  'info',
  'checkIntegrity',
  'createGroup',
  'getGroup',
  'insertThing',
  'batchInsertThings',
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

export class Store {
  #transport;
  #handle;
  #closed = false;
  #alertListeners = new Set();

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
    if (reply.events) this.#emit(reply.events);
    return reply.result;
  }

  #emit(events) {
    for (const event of events) {
      if (event.type !== 'quota') continue;
      for (const listener of this.#alertListeners) {
        try {
          listener(event);
        } catch (error) {
          queueMicrotask(() => {
            throw error; // a listener's bug surfaces as an uncaught error, not as the call's
          });
        }
      }
    }
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

  /** Closes the store and releases its storage; later calls reject with STORE_CLOSED. */
  async close() {
    if (this.#closed) return;
    await this.#call('close', {});
    this.#closed = true;
    this.#alertListeners.clear();
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
