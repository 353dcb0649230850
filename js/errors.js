// Typed errors of the public API. Every error the package throws is an EdgeTallyError with a
// stable `code` from the core's one list (ErrorCode, generated from error_codes.def), a
// message, and `details` (e.g. {field, rule} for bad input). Subclasses group the codes a
// caller usually handles together, so `instanceof ValidationError` works as well as `code`.
// Each class names itself (`name` on its prototype, like the built-in errors): minifiers rename
// classes, so `new.target.name` would be 't' in a production bundle.
import { ERROR_CLASS_BY_CODE, ErrorCode } from './generated/error-codes.js';

export { ErrorCode };

export class EdgeTallyError extends Error {
  /**
   * @param {string} code one of ErrorCode
   * @param {string} message
   * @param {Record<string, unknown>} [details]
   */
  constructor(code, message, details = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }

  get name() {
    return 'EdgeTallyError';
  }
}

/** Bad input: a field broke a rule (details.field, details.rule). */
export class ValidationError extends EdgeTallyError {
  get name() {
    return 'ValidationError';
  }
}
/** The named group, thing or record does not exist. */
export class NotFoundError extends EdgeTallyError {
  get name() {
    return 'NotFoundError';
  }
}
/** The store is held by another tab, worker or process, or was closed. */
export class StoreUnavailableError extends EdgeTallyError {
  get name() {
    return 'StoreUnavailableError';
  }
}
/** The storage or the file on it cannot be used (I/O, not a database, corrupt, too new). */
export class StorageError extends EdgeTallyError {
  get name() {
    return 'StorageError';
  }
}

/**
 * A usage request that does not fit the group's plan. Carries the numbers and the advice:
 * metric, limit (null = unlimited), current, requested, remaining, plan, suggestion.
 */
export class QuotaExceededError extends EdgeTallyError {
  get name() {
    return 'QuotaExceededError';
  }
  get metric() {
    return this.details.metric;
  }
  get limit() {
    return this.details.limit;
  }
  get current() {
    return this.details.current;
  }
  get requested() {
    return this.details.requested;
  }
  get suggestion() {
    return this.details.suggestion;
  }
}

/** The caller's AbortSignal fired; details.result is what the batch had done (see mode). */
export class AbortedError extends EdgeTallyError {
  get name() {
    return 'AbortedError';
  }
}

// The class of each code comes from src/common/error_classes.def (generated), by class name.
const classesByName = {
  EdgeTallyError,
  ValidationError,
  NotFoundError,
  StoreUnavailableError,
  StorageError,
  QuotaExceededError,
  AbortedError,
};
const classByCode = Object.fromEntries(
  Object.entries(ERROR_CLASS_BY_CODE).map(([code, name]) => [code, classesByName[name] ?? EdgeTallyError]),
);

/**
 * Builds the typed error for a code.
 * @param {string} code
 * @param {string} message
 * @param {Record<string, unknown>} [details]
 */
export function makeError(code, message, details) {
  const Class = classByCode[code] ?? EdgeTallyError;
  return new Class(code, message, details ?? {});
}

// What was thrown, as {kind, text}: "Name: message" for an Error (a wasm trap is a
// WebAssembly.RuntimeError, an Emscripten abort a RuntimeError "Aborted(...)", embind's own a
// BindingError or InternalError), for a C++ exception that escaped the core a
// WebAssembly.Exception (no message of its own), anything else as text. Never the stack alone:
// JavaScriptCore's `stack` holds only the frames (no name, no message), so WebKit once showed a
// wasm stack and no cause.
function describeThrown(thrown) {
  if (thrown === null || (typeof thrown !== 'object' && typeof thrown !== 'function')) {
    return { kind: typeof thrown, text: `${typeof thrown} thrown: ${String(thrown)}` };
  }
  const kind = (typeof thrown.name === 'string' && thrown.name) || thrown.constructor?.name || 'Error';
  const message = typeof thrown.message === 'string' ? thrown.message.trim() : '';
  if (message) return { kind, text: `${kind}: ${message}` };
  if (typeof WebAssembly !== 'undefined' && WebAssembly.Exception && thrown instanceof WebAssembly.Exception) {
    return { kind: 'WebAssembly.Exception', text: 'WebAssembly.Exception: a C++ exception escaped the engine' };
  }
  return { kind, text: `${kind} (no message)` };
}

/**
 * The typed error for anything a call threw that is not an EdgeTallyError (a wasm trap, an
 * abort, an embind error, a bug in the package's JS): INTERNAL, its message naming the
 * operation and what was thrown, details {op?, thrown: the kind (e.g. 'RuntimeError'), stack?}.
 * @param {unknown} thrown
 * @param {string} [op] the operation that was running (e.g. 'open')
 */
export function internalError(thrown, op) {
  const { kind, text } = describeThrown(thrown);
  const details = { ...(op ? { op } : {}), thrown: kind };
  if (typeof thrown?.stack === 'string' && thrown.stack) details.stack = thrown.stack.slice(0, 4000);
  return makeError(ErrorCode.INTERNAL, op ? `${op} failed: ${text}` : text, details);
}

/**
 * Plain-object form for postMessage; inverse of fromWire. Anything but an EdgeTallyError
 * becomes internalError(error, op) first.
 * @param {unknown} error
 * @param {string} [op] the operation that was running
 */
export function toWire(error, op) {
  const typed = error instanceof EdgeTallyError ? error : internalError(error, op);
  return { code: typed.code, message: typed.message, details: typed.details };
}

/** @param {{code: string, message: string, details?: object}} wire */
export function fromWire(wire) {
  return makeError(wire.code, wire.message, wire.details);
}
