// Which storage a browser store gets, decided in the Worker (the only place that can see OPFS
// sync access handles): the kind asked for, or for 'auto' the first persistent backend that
// works here (OPFS, then IndexedDB), preferring the one that already holds the store so a
// store never seems to vanish when a browser gains OPFS. Memory only as a last resort, said
// out loud (persistent false, a reason), and never when requirePersistence is set.
import { ErrorCode, makeError } from '../errors.js';
import { IndexedDbStorage } from './indexeddb.js';
import { OpfsStorage } from './opfs.js';

const filesOf = (name) => [`${name}.sqlite3`, `${name}.sqlite3-journal`];

async function acquireOpfs(name) {
  if (!OpfsStorage.available()) {
    throw makeError(ErrorCode.STORAGE_UNAVAILABLE, 'OPFS sync access handles are not available here', {
      field: 'storage',
      rule: 'available',
    });
  }
  return OpfsStorage.acquire(name, filesOf(name));
}

async function acquireIndexedDb(name) {
  if (!IndexedDbStorage.available()) {
    throw makeError(ErrorCode.STORAGE_UNAVAILABLE, 'IndexedDB is not available here', {
      field: 'storage',
      rule: 'available',
    });
  }
  return IndexedDbStorage.acquire(name, filesOf(name));
}

// Why OPFS cannot be used here, or null when it can (Firefox private windows have the API
// but refuse the directory).
async function opfsMissing() {
  if (!OpfsStorage.available()) return 'OPFS sync access handles are not available';
  try {
    await navigator.storage.getDirectory();
    return null;
  } catch (error) {
    return `OPFS is refused (${error?.name ?? error})`;
  }
}

async function acquireAuto(name, requirePersistence) {
  // The usual reopen first: a store OPFS holds is taken at once (no look into IndexedDB).
  if (OpfsStorage.available()) {
    const held = await OpfsStorage.acquireExisting(name, filesOf(name)).catch((error) => {
      if (error?.code === ErrorCode.STORE_LOCKED) throw error;
      return null; // OPFS refused (a private window): decided below, with its reason
    });
    if (held) return { storage: 'opfs', backend: held };
  }
  // Not on OPFS: a store IndexedDB holds opens there, a new one goes to OPFS where it works.
  const reasons = [];
  const noOpfs = await opfsMissing();
  const idb = IndexedDbStorage.available();
  const inIdb = idb && (await IndexedDbStorage.holds(name).catch(() => false));
  if (!noOpfs) {
    if (!inIdb) return { storage: 'opfs', backend: await OpfsStorage.acquire(name, filesOf(name)) };
  } else reasons.push(noOpfs);
  if (idb) {
    try {
      return { storage: 'indexeddb', backend: await IndexedDbStorage.acquire(name, filesOf(name)), reason: noOpfs };
    } catch (error) {
      if (error?.code === ErrorCode.STORE_LOCKED || inIdb) throw error; // never hide a store's data
      reasons.push(error?.message ?? String(error));
    }
  } else reasons.push('IndexedDB is not available');
  const reason = `no persistent storage here: ${reasons.join('; ')}`;
  if (requirePersistence) {
    throw makeError(ErrorCode.STORAGE_UNAVAILABLE, `${reason} (requirePersistence is set)`, {
      field: 'requirePersistence',
      rule: 'persistent',
      reasons,
    });
  }
  return { storage: 'memory', backend: null, reason };
}

/**
 * Takes ownership of a browser store's storage.
 * @param {{name: string, storage: string, requirePersistence?: boolean}} options
 * @returns {Promise<{storage: string, backend: object | null, reason?: string}>} backend null
 *   for memory; `reason` says why 'auto' did not get OPFS
 */
export async function acquireBrowserStorage({ name, storage, requirePersistence }) {
  if (storage === 'memory') return { storage, backend: null };
  if (storage === 'opfs') return { storage, backend: await acquireOpfs(name) };
  if (storage === 'indexeddb') return { storage, backend: await acquireIndexedDb(name) };
  return acquireAuto(name, requirePersistence === true);
}
