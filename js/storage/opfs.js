// OpfsStorage: the browser storage backend (see README.md in this folder), for a dedicated
// Worker. OPFS sync access handles do synchronous I/O but are created asynchronously, so the
// handles for the database and its rollback journal are opened up front; SQLite never asks for
// any other file (temporary files stay in memory). The handles are exclusive: while this
// worker holds them, no other tab or worker can open the store.
import { ErrorCode, makeError } from '../errors.js';
import { guarded } from './guard.js';

const ROOT_DIRECTORY = 'edgetally';
const LOCK_RETRY_MS = [0, 50, 100, 200, 400, 800]; // a just-terminated worker frees its handles late

async function createHandle(fileHandle, name) {
  for (const delay of LOCK_RETRY_MS) {
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      return await fileHandle.createSyncAccessHandle();
    } catch (error) {
      if (error?.name !== 'NoModificationAllowedError') {
        throw makeError(ErrorCode.IO_ERROR, `cannot open ${name} in OPFS: ${error?.message}`);
      }
    }
  }
  throw makeError(ErrorCode.STORE_LOCKED, `store '${name}' is open in another tab or worker`, {
    name,
  });
}

export class OpfsStorage {
  /** True where this backend can work: a dedicated Worker with OPFS sync access handles. */
  static available() {
    return (
      typeof navigator !== 'undefined' &&
      typeof navigator.storage?.getDirectory === 'function' &&
      typeof globalThis.FileSystemFileHandle?.prototype?.createSyncAccessHandle === 'function'
    );
  }

  /**
   * Takes ownership of store `name` when OPFS already holds it (a non-empty database file):
   * its handles, or null when it is not there (then no handle is kept open). The
   * usual reopen in four round trips to the browser (a look, then acquire(), took eight).
   * @param {string} name
   * @param {string[]} files the file names SQLite will use (database first, then journal)
   * @returns {Promise<OpfsStorage | null>}
   */
  static async acquireExisting(name, files) {
    let dir;
    let database;
    try {
      dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(ROOT_DIRECTORY);
      database = await dir.getFileHandle(files[0]);
    } catch {
      return null; // no directory or no database file
    }
    const storage = await OpfsStorage.#open(name, files, (file, i) => (i === 0 ? database : dir.getFileHandle(file, { create: true })));
    if (storage.byId[0].getSize() > 0) return storage;
    storage.release();
    return null;
  }

  /**
   * Takes ownership of store `name`: opens exclusive handles for its files.
   * @param {string} name
   * @param {string[]} files the file names SQLite will use (database, journal)
   */
  static async acquire(name, files) {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle(ROOT_DIRECTORY, { create: true });
    return OpfsStorage.#open(name, files, (file) => dir.getFileHandle(file, { create: true }));
  }

  // The sync access handles of `files` (fileHandle(file, i) gives each one's file handle),
  // opened side by side (each is a round trip to the browser): on a failure, the ones that did
  // open are closed again.
  static async #open(name, files, fileHandle) {
    const opened = await Promise.allSettled(files.map(async (file, i) => createHandle(await fileHandle(file, i), name)));
    const failed = opened.find((outcome) => outcome.status === 'rejected');
    if (failed) {
      for (const outcome of opened) if (outcome.status === 'fulfilled') outcome.value.close();
      throw failed.reason;
    }
    return new OpfsStorage(new Map(files.map((file, i) => [file, opened[i].value])));
  }

  constructor(handles) {
    this.handles = handles; // file name -> FileSystemSyncAccessHandle
    this.byId = [...handles.values()];
    this.lastError = '';
  }

  open(path, create) {
    const id = [...this.handles.keys()].indexOf(path);
    if (id < 0) this.lastError = `OPFS storage has no file ${path}`;
    return id;
  }

  read(id, view, offset) {
    return guarded(this, 'read', () => this.byId[id].read(view, { at: offset }));
  }

  write(id, view, offset) {
    return guarded(this, 'write', () => {
      const written = this.byId[id].write(view, { at: offset });
      if (written !== view.length) throw new Error(`short write (${written} of ${view.length})`);
      return 0;
    });
  }

  truncate(id, size) {
    return guarded(this, 'truncate', () => (this.byId[id].truncate(size), 0));
  }

  sync(id) {
    return guarded(this, 'flush', () => (this.byId[id].flush(), 0));
  }

  size(id) {
    return guarded(this, 'size', () => this.byId[id].getSize());
  }

  close() {} // handles stay open until release()

  delete(path) {
    const handle = this.handles.get(path);
    if (!handle) return 0;
    return guarded(this, `delete ${path}`, () => (handle.truncate(0), handle.flush(), 0));
  }

  exists(path) {
    const handle = this.handles.get(path);
    return handle !== undefined && handle.getSize() > 0;
  }

  release() {
    for (const handle of this.handles.values()) handle.close();
    this.handles.clear();
  }
}
