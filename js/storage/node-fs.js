// NodeFsStorage: the storage backend for Node (see README.md in this folder). Files live in one
// directory; ownership is an OwnerLock (owner-lock.js) on `<name>.sqlite3.lock`, so two
// processes (or two opens in one process) never write the same store, even when they race on
// a lock left by a killed process.
import fs from 'node:fs';
import nodePath from 'node:path';
import { ErrorCode, makeError } from '../errors.js';
import { guarded } from './guard.js';
import { OwnerLock } from './owner-lock.js';

export class NodeFsStorage {
  /**
   * Takes ownership of store `name` in `directory` (created if missing).
   * @param {string} directory
   * @param {string} name
   */
  static acquire(directory, name) {
    const dir = nodePath.resolve(directory);
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw makeError(ErrorCode.IO_ERROR, `cannot create ${dir}: ${error.message}`, { path: dir });
    }
    const lockPath = nodePath.join(dir, `${name}.sqlite3.lock`);
    let lock;
    try {
      lock = OwnerLock.acquire(lockPath);
    } catch (error) {
      throw makeError(ErrorCode.IO_ERROR, `cannot lock ${lockPath}: ${error.message}`, { path: dir });
    }
    if (!lock) {
      throw makeError(ErrorCode.STORE_LOCKED, `store '${name}' in ${dir} is open elsewhere`, {
        name,
        path: dir,
      });
    }
    return new NodeFsStorage(dir, lock);
  }

  constructor(directory, lock) {
    this.directory = directory;
    this.lock = lock;
    this.lastError = '';
    this.fds = new Map();
    this.nextId = 1;
  }

  resolve(path) {
    return nodePath.join(this.directory, path);
  }

  open(path, create) {
    return guarded(this, `open ${path}`, () => {
      const { O_RDWR, O_CREAT } = fs.constants;
      const fd = fs.openSync(this.resolve(path), create ? O_RDWR | O_CREAT : O_RDWR, 0o644);
      const id = this.nextId++;
      this.fds.set(id, fd);
      return id;
    });
  }

  read(id, view, offset) {
    return guarded(this, 'read', () => {
      const fd = this.fds.get(id);
      let done = 0;
      while (done < view.length) {
        const n = fs.readSync(fd, view, done, view.length - done, offset + done);
        if (n === 0) break;
        done += n;
      }
      return done;
    });
  }

  write(id, view, offset) {
    return guarded(this, 'write', () => {
      const fd = this.fds.get(id);
      let done = 0;
      while (done < view.length) {
        done += fs.writeSync(fd, view, done, view.length - done, offset + done);
      }
      return 0;
    });
  }

  truncate(id, size) {
    return guarded(this, 'truncate', () => (fs.ftruncateSync(this.fds.get(id), size), 0));
  }

  sync(id) {
    return guarded(this, 'sync', () => (fs.fsyncSync(this.fds.get(id)), 0));
  }

  size(id) {
    return guarded(this, 'size', () => fs.fstatSync(this.fds.get(id)).size);
  }

  close(id) {
    guarded(this, 'close', () => fs.closeSync(this.fds.get(id)));
    this.fds.delete(id);
  }

  delete(path) {
    return guarded(this, `delete ${path}`, () => (fs.rmSync(this.resolve(path), { force: true }), 0));
  }

  exists(path) {
    try {
      return fs.statSync(this.resolve(path)).size > 0;
    } catch {
      return false;
    }
  }

  release() {
    for (const id of [...this.fds.keys()]) this.close(id);
    this.lock.release();
  }
}
