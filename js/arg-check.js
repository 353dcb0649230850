// Argument checks at the JS edge: what the core's declarations (src/common/arg_spec.h) cannot
// see because JSON cannot carry it faithfully, and the options that never reach the core.
//   - NaN and Infinity, which JSON.stringify turns into null (a limit of null is "unlimited"):
//     refused anywhere in the arguments, naming the field path, before anything is encoded;
//   - lone UTF-16 surrogates, which the core refuses as invalid JSON: the error names the field;
//   - JS-only options (onProgress, signal, chunkSize) and open() options, with the same
//     unknown-field rule and "did you mean" as the core's.
import { ErrorCode, makeError } from './errors.js';

function formatPath(path) {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key;
  return out;
}

/**
 * The path of the first value in `value` for which `isBad` holds (depth first, in key order), or
 * null. Byte arrays and other typed arrays are not walked.
 * @param {unknown} value
 * @param {(v: unknown) => boolean} isBad
 * @returns {string | null}
 */
export function findValue(value, isBad) {
  const path = [];
  const visit = (v) => {
    if (isBad(v)) return true;
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return false;
    const keys = Array.isArray(v) ? v.keys() : Object.keys(v);
    for (const key of keys) {
      path.push(key);
      if (visit(v[key])) return true;
      path.pop();
    }
    return false;
  };
  return visit(value) ? formatPath(path) : null;
}

const nonFinite = (v) => typeof v === 'number' && !Number.isFinite(v);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const loneSurrogate = (v) => typeof v === 'string' && LONE_SURROGATE.test(v);

/**
 * Encodes `args` as JSON text for the core, refusing NaN and Infinity (INVALID_ARGUMENT, rule
 * "finite", details.field the path). Only text with a `null` in it is walked: a non-finite
 * number always leaves one, so the common case costs one substring search.
 * @param {unknown} args
 * @returns {string}
 */
export function encodeArgs(args) {
  let text;
  try {
    text = JSON.stringify(args ?? {});
  } catch (error) {
    const field = findValue(args, (v) => typeof v === 'bigint');
    throw makeError(ErrorCode.INVALID_ARGUMENT, `arguments cannot be encoded: ${error.message}`, {
      rule: 'json',
      ...(field ? { field } : {}),
    });
  }
  if (text.includes('null')) {
    const field = findValue(args, nonFinite);
    if (field !== null) {
      throw makeError(ErrorCode.INVALID_ARGUMENT, `${field} must be a finite number (NaN and Infinity cannot be stored)`, {
        field,
        rule: 'finite',
      });
    }
  }
  return text;
}

/**
 * When the core refused `args` as invalid JSON because of a lone surrogate, the same error
 * naming the field that holds it (rule "utf16"); otherwise `error` itself.
 * @param {any} error
 * @param {unknown} args
 */
export function nameSurrogateField(error, args) {
  if (error?.code !== ErrorCode.INVALID_ARGUMENT || error.details?.rule !== 'json') return error;
  const field = findValue(args, loneSurrogate);
  if (field === null) return error;
  return makeError(ErrorCode.INVALID_ARGUMENT, `${field} holds a lone UTF-16 surrogate: it is not valid Unicode text`, {
    field,
    rule: 'utf16',
  });
}

/** Edit distance ignoring case, a swap of neighbours counting once (as src/common/spelling.cpp). */
export function editDistance(a, b) {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let two = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], two[j - 2] + 1);
    }
    two = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** The known name closest to `typed` when it is a likely misspelling, else undefined. */
export function closestName(typed, known) {
  const limit = typed.length < 5 ? 1 : 2;
  let best;
  let bestDistance = limit + 1;
  for (const name of known) {
    const d = editDistance(typed, name);
    if (d < bestDistance && d < Math.max(typed.length, name.length)) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Refuses a key of `object` not in `known` (INVALID_ARGUMENT, rule "unknown_field", with a
 * "did you mean" like the core's). `prefix` is the path of `object` ('' at the top).
 */
export function checkKnownFields(object, known, prefix = '') {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const field = prefix ? `${prefix}.${key}` : key;
    const suggestion = closestName(key, known);
    const hint = suggestion ? ` (did you mean '${suggestion}'?)` : ` (known fields: ${known.join(', ')})`;
    throw makeError(ErrorCode.INVALID_ARGUMENT, `unknown field '${field}'${hint}`, {
      field,
      rule: 'unknown_field',
      ...(suggestion ? { suggestion } : {}),
    });
  }
}

/** Refuses a non-object argument (null, a number...). */
export function checkArgsObject(args, method) {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    throw makeError(ErrorCode.INVALID_ARGUMENT, `${method} takes an argument object`, { field: 'arguments', rule: 'object' });
  }
}

/** Rows per slice (batchInsertThings) and bytes per chunk (importFile): the sane bounds. */
export const CHUNK_BOUNDS = Object.freeze({ rows: 1_000_000, bytes: 64 * 1024 * 1024 });

/**
 * Checks the JS-only options of a chunked call: onProgress a function, signal an AbortSignal,
 * chunkSize an integer in 1..max (0, negative and NaN sizes once hung or did nothing).
 * @param {{onProgress?: unknown, signal?: unknown, chunkSize?: unknown}} options
 * @param {number} max
 */
export function checkChunkOptions({ onProgress, signal, chunkSize }, max) {
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw makeError(ErrorCode.INVALID_ARGUMENT, 'onProgress must be a function', { field: 'onProgress', rule: 'function' });
  }
  const isSignal =
    signal !== null && typeof signal === 'object' && typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function';
  if (signal !== undefined && !isSignal) {
    throw makeError(ErrorCode.INVALID_ARGUMENT, 'signal must be an AbortSignal', { field: 'signal', rule: 'abort_signal' });
  }
  if (chunkSize !== undefined && !(Number.isInteger(chunkSize) && chunkSize >= 1 && chunkSize <= max)) {
    throw makeError(ErrorCode.INVALID_ARGUMENT, `chunkSize must be an integer between 1 and ${max}`, {
      field: 'chunkSize',
      rule: 'range',
    });
  }
}
