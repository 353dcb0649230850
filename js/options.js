// Checking open() options, shared by the Node and browser entry points: the store name rule,
// the storage kinds, and the typed errors for each.
import { checkKnownFields } from './arg-check.js';
import { ErrorCode, makeError } from './errors.js';

/** Every option open() takes (an entry point that adds one adds it here). */
export const OPEN_OPTIONS = [
  'name',
  'storage',
  'path',
  'workerUrl',
  'wasmUrl',
  'requirePersistence',
  'shareTabs',
  'worker',
  'sync',
  'verify',
];
export const STORAGE_KINDS = Object.freeze(['auto', 'opfs', 'indexeddb', 'node', 'memory']);
/** open({ verify }): 'quick' checks every page's checksum before the store opens. */
export const VERIFY_MODES = Object.freeze(['none', 'quick']);
const NAME_RULE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Validates a store name: 1-128 of letters, digits, '.', '_', '-', starting with a letter or
 * digit, no '..' (so it can never leave the storage directory).
 * @param {unknown} name
 * @returns {string}
 */
export function checkStoreName(name) {
  if (typeof name !== 'string' || !NAME_RULE.test(name) || name.includes('..')) {
    throw makeError(
      ErrorCode.INVALID_NAME,
      `store name ${JSON.stringify(name)} is invalid: use 1-128 letters, digits, '.', '_' or '-', ` +
        `starting with a letter or digit, without '..' or path separators`,
      { field: 'name', rule: 'store_name', value: typeof name === 'string' ? name : String(name) },
    );
  }
  return name;
}

/**
 * @param {unknown} options
 * @param {{autoStorage: string, available: string[]}} env what 'auto' means here ('auto' when
 *   the engine's side decides) and what exists
 * @returns {{name: string, storage: string, path?: string, requirePersistence: boolean, verify: string}}
 */
export function normalizeOpenOptions(options = {}, env) {
  if (options === null || typeof options !== 'object') {
    throw makeError(ErrorCode.INVALID_ARGUMENT, 'open() takes an options object', {
      field: 'options',
      rule: 'object',
    });
  }
  checkKnownFields(options, OPEN_OPTIONS);
  const { name, storage = 'auto', path, requirePersistence = false } = /** @type {any} */ (options);
  if (!STORAGE_KINDS.includes(storage)) {
    throw makeError(
      ErrorCode.UNKNOWN_STORAGE,
      `unknown storage ${JSON.stringify(storage)}: use one of ${STORAGE_KINDS.join(', ')}`,
      { field: 'storage', rule: 'one_of', allowed: STORAGE_KINDS },
    );
  }
  const kind = storage === 'auto' ? env.autoStorage : storage;
  if (kind !== 'auto' && !env.available.includes(kind)) {
    throw makeError(
      ErrorCode.STORAGE_UNAVAILABLE,
      `storage '${kind}' is not available here (available: ${env.available.join(', ')})`,
      { field: 'storage', rule: 'available', available: env.available },
    );
  }
  if (path !== undefined && typeof path !== 'string') {
    throw makeError(ErrorCode.INVALID_ARGUMENT, 'path must be a string', {
      field: 'path',
      rule: 'string',
    });
  }
  const verify = /** @type {any} */ (options).verify ?? 'none';
  if (!VERIFY_MODES.includes(verify)) {
    throw makeError(ErrorCode.INVALID_ARGUMENT, `verify must be one of ${VERIFY_MODES.join(', ')}`, {
      field: 'verify',
      rule: 'one_of',
      allowed: VERIFY_MODES,
    });
  }
  if (typeof requirePersistence !== 'boolean') {
    throw makeError(ErrorCode.INVALID_ARGUMENT, 'requirePersistence must be a boolean', {
      field: 'requirePersistence',
      rule: 'boolean',
    });
  }
  if (requirePersistence && kind === 'memory') {
    throw makeError(ErrorCode.STORAGE_UNAVAILABLE, "storage 'memory' keeps nothing, and requirePersistence is set", {
      field: 'requirePersistence',
      rule: 'persistent',
    });
  }
  return { name: checkStoreName(name ?? 'default'), storage: kind, path, requirePersistence, verify };
}
