// NodeFsStorage: the storage backend for Node (see README.md in this folder). Files live in one
// directory; ownership is a lock file holding the owner's pid, so two processes (or two opens
// in one process) never write the same store, and a lock left by a killed process is stale.
import fs from 'node:fs';
import nodePath from 'node:path';
import { ErrorCode, makeError } from '../errors.js';
import { guarded } from './guard.js';

const heldLocks = new Set(); // lock files held by this process

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function takeLock(lockPath) {
  if (heldLocks.has(lockPath)) return false;
  try {
    fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  }
  const owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
  if (owner !== process.pid && Number.isInteger(owner) && processAlive(owner)) return false;
  fs.writeFileSync(lockPath, String(process.pid)); // stale: its owner is gone
  return Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10) === process.pid;
}

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
    if (!takeLock(lockPath)) {
      throw makeError(ErrorCode.STORE_LOCKED, `store '${name}' in ${dir} is open elsewhere`, {
        name,
        path: dir,
      });
    }
    heldLocks.add(lockPath);
    return new NodeFsStorage(dir, lockPath);
  }

  constructor(directory, lockPath) {
    this.directory = directory;
    this.lockPath = lockPath;
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
    heldLocks.delete(this.lockPath);
    fs.rmSync(this.lockPath, { force: true });
  }
}
