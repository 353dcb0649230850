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

/** Plain-object form for postMessage; inverse of fromWire. */
export function toWire(error) {
  if (error instanceof EdgeTallyError) {
    return { code: error.code, message: error.message, details: error.details };
  }
  return { code: ErrorCode.INTERNAL, message: String(error?.stack ?? error), details: {} };
}

/** @param {{code: string, message: string, details?: object}} wire */
export function fromWire(wire) {
  return makeError(wire.code, wire.message, wire.details);
}
