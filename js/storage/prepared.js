// Storage taken ahead of its open request, in the browser worker: the page names the store it is
// about to open ({op: 'prepare'}, posted with the worker's start, once the tab owns the store),
// and the worker starts taking its files (OPFS handles, an IndexedDB load) at once, while the
// wasm is still being fetched, compiled and instantiated, instead of after. The open request
// then gets that acquisition, or a new one when it asks for something else (the prepared one is
// given back). Nothing changes but when the work starts: the same acquire, the same options,
// its error (STORE_LOCKED, STORAGE_UNAVAILABLE, ...) surfacing as the open's error.

const keyOf = ({ name, storage, requirePersistence }) => JSON.stringify([name, storage, requirePersistence === true]);

// Gives back what a prepared acquisition took, once it has (a failed one took nothing).
function giveBack(promise) {
  promise.then((taken) => taken?.backend?.release(), () => {});
}

/**
 * Wraps `acquire` (see storage/select.browser.js) so that an acquisition can start before the
 * open request that uses it.
 * @param {(options: {name: string, storage: string, requirePersistence?: boolean}) => Promise<{storage: string, backend: object | null, reason?: string}>} acquire
 * @returns {{prepare(options: object): void, acquire(options: object): Promise<object>}}
 *   prepare starts acquiring for `options` (a second prepare replaces the first, given back);
 *   acquire returns the prepared acquisition when its options match, else acquires anew
 */
export function preparedStorage(acquire) {
  let prepared = null; // {key, promise}: started, not yet claimed by an open request

  return {
    prepare(options) {
      const key = keyOf(options);
      if (prepared?.key === key) return;
      if (prepared) giveBack(prepared.promise);
      const promise = (async () => acquire(options))(); // starts now; a throw becomes its rejection
      promise.catch(() => {}); // its error belongs to the open request that claims it
      prepared = { key, promise };
    },
    acquire(options) {
      const claimed = prepared;
      prepared = null;
      if (claimed?.key === keyOf(options)) return claimed.promise;
      if (claimed) giveBack(claimed.promise);
      return acquire(options);
    },
  };
}
