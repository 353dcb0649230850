// IndexedDbStorage: the persistent browser backend where OPFS sync access handles are missing
// (WebKit without navigator.storage, Firefox private windows, older Safari; see README.md in
// this folder). IndexedDB is asynchronous and the VFS is not, so the database file lives in
// memory (a PagedFile loaded at open) and is saved to IndexedDB one page per record:
// - When SQLite syncs the database file, which it does only once a transaction's final pages
//   are all written (commit, or the end of a rollback), the pages changed since the last save
//   and the file size go into ONE IndexedDB transaction. IndexedDB applies it whole or not at
//   all, so what is saved is always a state SQLite committed, never half of one.
// - The rollback journal stays in memory: the saved file never needs one (a hot journal cannot
//   exist), and an interrupted save leaves the previous committed state.
// - `whenDurable()` resolves once every save started so far is on disk; the worker replies to
//   a call only after it, so a reply means durable.
// A Web Lock makes the store exclusive to one worker, like OPFS handles are.
import { ErrorCode, makeError } from '../errors.js';
import { guarded } from './guard.js';
import { CHUNK_SIZE, PagedFile } from './paged-file.js';

const DATABASE_PREFIX = 'edgetally/';
const PAGES = 'pages'; // chunk index -> Uint8Array(CHUNK_SIZE)
const META = 'meta'; // 'file' -> {size, chunkSize}

const requestDone = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const transactionDone = (transaction) =>
  new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () => reject(transaction.error ?? new Error('transaction aborted'));
  });

function openDatabase(name) {
  const request = indexedDB.open(DATABASE_PREFIX + name, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore(PAGES);
    request.result.createObjectStore(META);
  };
  return requestDone(request).then((db) => {
    db.onversionchange = () => db.close(); // site data being cleared: later saves fail, loudly
    return db;
  });
}

// Loads the database file and claims it: the owner token written here is checked by every
// save, so a worker that lost the store (no Web Locks, a second opener took it) cannot write.
async function claimFile(db, owner) {
  const transaction = db.transaction([PAGES, META], 'readwrite');
  const pages = transaction.objectStore(PAGES);
  const meta = transaction.objectStore(META);
  const [keys, values, saved] = await Promise.all([
    requestDone(pages.getAllKeys()),
    requestDone(pages.getAll()),
    requestDone(meta.get('file')),
  ]);
  if (saved && saved.chunkSize !== CHUNK_SIZE) throw new Error(`saved with chunk size ${saved.chunkSize}`);
  const chunks = [];
  keys.forEach((key, i) => {
    if (values[i]?.length !== CHUNK_SIZE) throw new Error(`page record ${key} has the wrong size`);
    chunks[key] = values[i];
  });
  const size = saved?.size ?? 0;
  meta.put({ size, chunkSize: CHUNK_SIZE, owner }, 'file');
  await transactionDone(transaction);
  return new PagedFile(chunks, size);
}

const LOCK_RETRY_MS = [0, 50, 100, 200, 400, 800]; // a just-terminated worker frees its lock late

// Holds the Web Lock for store `name` until the returned function is called; null if held.
// Without Web Locks (older browsers) the owner token of claimFile still keeps two writers apart.
async function takeLock(name) {
  if (!navigator.locks) return () => {};
  for (const delay of LOCK_RETRY_MS) {
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    let release;
    const held = new Promise((resolve) => (release = resolve));
    const granted = await new Promise((resolve, reject) => {
      navigator.locks
        .request(`edgetally:${name}`, { ifAvailable: true }, (lock) => {
          resolve(lock !== null);
          return lock && held;
        })
        .catch(reject);
    });
    if (granted) return release;
  }
  return null;
}

export class IndexedDbStorage {
  /** True where this backend can work: IndexedDB exists (it may still refuse to open). */
  static available() {
    return typeof indexedDB !== 'undefined' && indexedDB !== null;
  }

  /** True when an IndexedDB store named `name` exists with data (false if it cannot tell). */
  static async holds(name) {
    if (typeof indexedDB?.databases !== 'function') return false;
    const databases = await indexedDB.databases().catch(() => []);
    if (!databases.some((database) => database.name === DATABASE_PREFIX + name)) return false;
    const db = await openDatabase(name);
    try {
      const meta = await requestDone(db.transaction(META, 'readonly').objectStore(META).get('file'));
      return (meta?.size ?? 0) > 0;
    } finally {
      db.close();
    }
  }

  /**
   * Takes ownership of store `name` and loads its database file.
   * @param {string} name
   * @param {string[]} files [database, journal]: the file names SQLite will use
   */
  static async acquire(name, files) {
    const unlock = await takeLock(name);
    if (!unlock) {
      throw makeError(ErrorCode.STORE_LOCKED, `store '${name}' is open in another tab or worker`, { name });
    }
    let db;
    try {
      db = await openDatabase(name);
      const owner = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
      return new IndexedDbStorage(db, files, await claimFile(db, owner), { owner, unlock });
    } catch (error) {
      db?.close();
      unlock();
      if (error?.code) throw error;
      throw makeError(ErrorCode.IO_ERROR, `cannot open ${name} in IndexedDB: ${error?.message ?? error}`);
    }
  }

  constructor(db, files, databaseFile, { owner, unlock }) {
    this.db = db;
    this.names = files;
    this.files = [databaseFile, new PagedFile()]; // by id: 0 the database (saved), 1 the journal
    this.owner = owner;
    this.unlock = unlock;
    this.saved = Promise.resolve(); // settles when every save started so far has
    this.saves = 0; // saves started
    this.failure = null; // why the last save failed, until a save started after it succeeds
    this.failedBefore = 0; // saves started when that failure was seen
    this.lastError = '';
  }

  open(path) {
    const id = this.names.indexOf(path);
    if (id < 0) this.lastError = `IndexedDB storage has no file ${path}`;
    return id;
  }

  read(id, view, offset) {
    return guarded(this, 'read', () => this.files[id].read(view, offset));
  }

  write(id, view, offset) {
    return guarded(this, 'write', () => (this.files[id].write(view, offset), 0));
  }

  truncate(id, size) {
    return guarded(this, 'truncate', () => (this.files[id].truncate(size), 0));
  }

  sync(id) {
    return id === 0 ? guarded(this, 'save to IndexedDB', () => (this.#save(), 0)) : 0;
  }

  size(id) {
    return this.files[id].size;
  }

  close() {}

  delete(path) {
    const id = this.names.indexOf(path);
    if (id >= 0) this.files[id].truncate(0);
    return 0;
  }

  exists(path) {
    const id = this.names.indexOf(path);
    return id >= 0 && this.files[id].size > 0;
  }

  /**
   * Resolves when everything saved so far is durable; rejects if a save failed (its pages stay
   * unsaved and go with the next save).
   */
  async whenDurable() {
    await this.saved;
    if (this.failure) throw this.failure;
  }

  /** Gives up the store once pending saves have settled (then another worker may load it). */
  release() {
    this.saved.finally(() => {
      this.db.close();
      this.unlock();
    });
  }

  // Starts one IndexedDB transaction with the pages changed since the last save; it aborts
  // (saving nothing) if another worker has claimed the store since this one loaded it.
  #save() {
    const file = this.files[0];
    const changes = file.takeChanges();
    let done;
    try {
      const transaction = this.db.transaction([PAGES, META], 'readwrite', { durability: 'strict' });
      const meta = transaction.objectStore(META);
      const claim = meta.get('file');
      let lost = false; // another worker claimed the store: abort (so no commit() call above)
      claim.onsuccess = () => {
        lost = claim.result?.owner !== this.owner;
        if (lost) transaction.abort();
      };
      const pages = transaction.objectStore(PAGES);
      if (changes.dropFrom !== null) pages.delete(IDBKeyRange.lowerBound(changes.dropFrom));
      for (const [index, chunk] of changes.chunks) {
        if (chunk) pages.put(chunk, index); // IndexedDB copies the chunk now
        else pages.delete(index);
      }
      meta.put({ size: changes.size, chunkSize: CHUNK_SIZE, owner: this.owner }, 'file');
      done = transactionDone(transaction).catch((error) => {
        if (!lost) throw error;
        throw makeError(ErrorCode.STORE_LOCKED, 'the store was opened by another tab or worker');
      });
    } catch (error) {
      file.restoreChanges(changes);
      throw error;
    }
    const number = ++this.saves;
    const settled = done.then(
      () => {
        if (number > this.failedBefore) this.failure = null;
      },
      (error) => {
        file.restoreChanges(changes);
        this.failedBefore = this.saves;
        this.failure = error?.code
          ? error
          : makeError(ErrorCode.IO_ERROR, `not saved to IndexedDB: ${error?.message ?? error}`, {
              storage: 'indexeddb',
            });
      },
    );
    this.saved = Promise.all([this.saved, settled]);
  }
}
