// The error names the package entries export: the classes and ErrorCode, not the wire helpers
// (makeError, toWire, fromWire) that errors.js also holds for the package's own modules.
// tests/js/packaging.test.mjs checks that every error class in errors.js is listed here.
export {
  AbortedError,
  EdgeTallyError,
  ErrorCode,
  NotFoundError,
  QuotaExceededError,
  StorageError,
  StoreUnavailableError,
  ValidationError,
} from './errors.js';
