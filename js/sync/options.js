// Sync options: checking the `sync` option of open() once, with typed errors naming the field.
import { ErrorCode, makeError } from '../errors.js';

export const SYNC_DEFAULTS = Object.freeze({
  intervalMs: 60000,
  debounceMs: 200,
  maxBatchRecords: 1000,
  maxBatchBytes: 512 * 1024,
  maxInFlight: 2,
  requestTimeoutMs: 30000,
  backoff: Object.freeze({ baseMs: 1000, maxMs: 60000 }),
});

function invalid(field, rule, message) {
  return makeError(ErrorCode.INVALID_ARGUMENT, message, { field: `sync.${field}`, rule });
}

function integer(value, field, min, max) {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, 'range', `sync.${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function checkUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('url', 'url', 'sync.url must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw invalid('url', 'url', 'sync.url must be an absolute http(s) URL');
  }
  return parsed.href.replace(/\/+$/, '');
}

/**
 * @param {unknown} sync the `sync` option of open(), or undefined
 * @returns {null | object} the options with defaults filled in
 */
export function normalizeSyncOptions(sync) {
  if (sync === undefined || sync === null) return null;
  if (typeof sync !== 'object') throw invalid('', 'object', 'sync must be an object {url, getToken, ...}');
  const known = ['url', 'getToken', 'intervalMs', 'debounceMs', 'maxBatchRecords', 'maxBatchBytes', 'maxInFlight', 'requestTimeoutMs',
    'backoff', 'fetch', 'environment', 'document', 'random'];
  for (const key of Object.keys(sync)) {
    if (!known.includes(key)) throw invalid(key, 'unknown_field', `unknown sync option '${key}' (known: ${known.join(', ')})`);
  }
  if (typeof sync.getToken !== 'function') throw invalid('getToken', 'function', 'sync.getToken must be a function (groupId) => token');
  const backoff = sync.backoff ?? {};
  if (typeof backoff !== 'object') throw invalid('backoff', 'object', 'sync.backoff must be {baseMs?, maxMs?}');
  const fetchFn = sync.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') throw invalid('fetch', 'function', 'sync.fetch must be a function (no global fetch here)');
  const d = SYNC_DEFAULTS;
  return {
    url: checkUrl(sync.url),
    getToken: sync.getToken,
    intervalMs: integer(sync.intervalMs, 'intervalMs', 0, 86400000) ?? d.intervalMs,
    debounceMs: integer(sync.debounceMs, 'debounceMs', 0, 600000) ?? d.debounceMs,
    maxBatchRecords: integer(sync.maxBatchRecords, 'maxBatchRecords', 1, 100000) ?? d.maxBatchRecords,
    maxBatchBytes: integer(sync.maxBatchBytes, 'maxBatchBytes', 1024, 64 << 20) ?? d.maxBatchBytes,
    maxInFlight: integer(sync.maxInFlight, 'maxInFlight', 1, 8) ?? d.maxInFlight,
    requestTimeoutMs: integer(sync.requestTimeoutMs, 'requestTimeoutMs', 1, 600000) ?? d.requestTimeoutMs,
    backoff: {
      baseMs: integer(backoff.baseMs, 'backoff.baseMs', 1, 3600000) ?? d.backoff.baseMs,
      maxMs: integer(backoff.maxMs, 'backoff.maxMs', 1, 86400000) ?? d.backoff.maxMs,
    },
    // Called as a plain function: browsers' fetch throws "Illegal invocation" when called as a
    // method of another object (options.fetch(...)), so neither the global nor a given one is.
    fetch: (url, init) => fetchFn(url, init),
    environment: sync.environment ?? (typeof globalThis.addEventListener === 'function' ? globalThis : null),
    document: sync.document ?? globalThis.document ?? null,
    random: sync.random ?? Math.random,
  };
}
