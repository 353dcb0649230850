// The never-throw convention of storage backends: run an I/O step, and on an exception record
// the message in `lastError` and return -1 so the VFS reports SQLITE_IOERR.

/**
 * @template T
 * @param {{lastError: string}} backend
 * @param {string} what
 * @param {() => T} step
 * @returns {T | -1}
 */
export function guarded(backend, what, step) {
  try {
    return step();
  } catch (error) {
    backend.lastError = `${what}: ${error?.message ?? error}`;
    return -1;
  }
}
