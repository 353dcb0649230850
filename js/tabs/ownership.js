// Store ownership between tabs: one Web Lock per store name. The tab holding it owns the
// database (runs the worker); the others queue on the same lock, so the browser hands it to
// exactly one of them when the owner closes, navigates away or crashes. No timers, no
// heartbeats: lock release on a dead document is the browser's job.

/** The lock name for store `name` (one namespace per origin). */
export function lockName(name) {
  return `edgetally:store:${name}`;
}

/**
 * Asks for the lock. Resolves with a handle `{ owned, release, granted }`:
 * - `owned` true when the lock was free and is now held;
 * - otherwise `granted` is a promise that resolves when this tab gets it later (the request
 *   stays queued until then).
 * `release()` gives the lock up (after the owner has closed its database).
 */
export function requestOwnership(name, locks = globalThis.navigator?.locks) {
  if (!locks) return Promise.resolve({ owned: true, release() {}, granted: Promise.resolve(), shared: false });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const hold = () => held; // keeps the lock until release()
  return new Promise((resolve) => {
    locks.request(lockName(name), { ifAvailable: true }, (lock) => {
      if (lock) {
        resolve({ owned: true, release, granted: Promise.resolve(), shared: true });
        return hold();
      }
      let onGranted;
      const granted = new Promise((r) => (onGranted = r));
      resolve({ owned: false, release, granted, shared: true });
      locks.request(lockName(name), () => {
        onGranted();
        return hold();
      });
      return undefined;
    });
  });
}
