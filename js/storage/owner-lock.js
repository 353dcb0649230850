// OwnerLock: exclusive ownership of a Node store by one process, under any race, with stale
// detection that survives SIGKILL and pid reuse. Node has no flock/fcntl, so ownership is
// built from exclusive file-system primitives only:
//
// - A record names its process: {pid, start, boot, token}. `start` is the process start time
//   from /proc/PID/stat and `boot` the kernel's boot id, so a record is stale once its process
//   is gone, even if the pid now belongs to another process or the machine rebooted; `token`
//   is random, so no two records are ever equal. Staleness is permanent: a stale record never
//   becomes live again. (Where /proc is missing, `start` is null and a live pid counts as
//   live: pid reuse can then keep a lock, but never gives two owners.)
// - A record is written to a private file first and then published with link(2) (create a
//   lock; fails if the name exists) or rename(2) (replace a stale lock), so a lock file is
//   never seen empty or half-written.
// - Taking over a stale record R at `lock` requires holding `lock.claim-<R.token>`, acquired
//   by the same procedure (recursively, when the claimant died). Only the claim holder may
//   replace R, and it does so only after reading that `lock` still holds R. Since R's owner
//   is dead and tokens never repeat, at most one live process ever replaces R: two racers on a
//   stale lock cannot both become owners. A claim is deleted only by its holder.
import crypto from 'node:crypto';
import fs from 'node:fs';

const MAX_CLAIM_DEPTH = 8; // claims of claims: each level needs a claimant that died mid-takeover

function readProcStart(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime); the command name (field 2) is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function readBootId() {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

const self = { pid: process.pid, start: readProcStart('self'), boot: readBootId() };

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Parses a lock file's text: a record of this format, a bare pid (the format before records),
 * or anything else (an empty file from a process killed while writing the old format).
 * @returns {{pid: number, start: string|null, boot: string|null, token: string, legacy?: boolean}|null}
 */
function parseRecord(text) {
  try {
    const record = JSON.parse(text);
    if (Number.isInteger(record?.pid) && typeof record.token === 'string') return record;
  } catch {
    // not a record
  }
  if (/^\d+$/.test(text.trim())) return { pid: Number(text), start: null, boot: null, token: '', legacy: true };
  return null;
}

/**
 * True when the process named by `record` is gone. `mtimeMs` is the lock file's modification
 * time: a bare-pid record is stale when that pid's process started after the lock was written
 * (the pid was reused).
 */
export function isStale(record, mtimeMs, heldTokens) {
  if (record === null) return true;
  if (record.pid === self.pid && (record.start ?? self.start) === self.start) {
    return !heldTokens.has(record.token); // this process; stale unless a live open holds it
  }
  if (record.boot && self.boot && record.boot !== self.boot) return true; // machine rebooted
  if (!pidAlive(record.pid)) return true;
  const start = readProcStart(record.pid);
  if (record.legacy) return start !== null && startedAfter(start, mtimeMs);
  return record.start !== null && start !== null && start !== record.start;
}

// Whether a process whose /proc start time is `start` (clock ticks since boot) began after
// wall-clock time `mtimeMs`.
function startedAfter(start, mtimeMs) {
  const uptime = Number.parseFloat(fs.readFileSync('/proc/uptime', 'utf8'));
  const bootMs = Date.now() - uptime * 1000;
  const ticksPerSecond = 100; // USER_HZ on Linux
  return bootMs + (Number(start) / ticksPerSecond) * 1000 > mtimeMs + 1000;
}

function readLock(path) {
  try {
    const text = fs.readFileSync(path, 'utf8');
    return { record: parseRecord(text), text, mtimeMs: fs.statSync(path).mtimeMs };
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

// Writes `record` to a private file next to `path` and returns that file's name.
function writePrivate(path, record) {
  const file = `${path}.${record.token}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(file, JSON.stringify(record), { flag: 'wx' });
  return file;
}

/** The exclusive ownership of one lock file path by this process (see the header). */
export class OwnerLock {
  static #heldTokens = new Set();
  // Lock paths held in this thread. Each worker thread has its own module instance (its own
  // #heldTokens), so a same-process record another thread wrote looks stale here: this set is
  // what refuses a second open of a store this thread holds (index.node.js claims the lock in
  // this thread for a store it runs in a worker thread, and the worker takes it over).
  static #heldPaths = new Set();

  /**
   * Takes `path` for this process. Returns an OwnerLock, or null when a live process holds it
   * (or is taking it over). Throws on file-system errors.
   * @param {string} path
   */
  static acquire(path) {
    if (OwnerLock.#heldPaths.has(path)) return null;
    const record = { ...self, token: crypto.randomBytes(16).toString('hex') };
    for (let attempt = 0; attempt < 16; attempt++) {
      const outcome = OwnerLock.#take(path, record, 0);
      if (outcome === 'owned') {
        OwnerLock.#heldTokens.add(record.token);
        OwnerLock.#heldPaths.add(path);
        return new OwnerLock(path, record.token);
      }
      if (outcome === 'held') return null;
      // 'changed': the lock moved on while we looked; look again
    }
    return null;
  }

  // Makes `record` the content of `path`: 'owned', 'held' (a live record is there), or
  // 'changed' (what we read was replaced before we could act on it).
  static #take(path, record, depth) {
    const fresh = writePrivate(path, record);
    try {
      fs.linkSync(fresh, path);
      return 'owned';
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(fresh, { force: true });
    }
    const found = readLock(path);
    if (found === null) return 'changed'; // released meanwhile
    if (!isStale(found.record, found.mtimeMs, OwnerLock.#heldTokens)) return 'held';
    if (depth >= MAX_CLAIM_DEPTH) return 'held';
    return OwnerLock.#replaceStale(path, found, record, depth);
  }

  // Replaces the stale lock `found` at `path` with `record`, holding the claim on it.
  static #replaceStale(path, found, record, depth) {
    const id = found.record?.token || crypto.createHash('sha256').update(`${found.text}|${found.mtimeMs}`).digest('hex').slice(0, 32);
    const claim = `${path}.claim-${id}`;
    const claimed = OwnerLock.#take(claim, record, depth + 1);
    if (claimed !== 'owned') return claimed;
    try {
      const now = readLock(path);
      if (now === null || now.text !== found.text) return 'changed';
      const fresh = writePrivate(path, record);
      fs.renameSync(fresh, path);
      return 'owned';
    } finally {
      fs.rmSync(claim, { force: true });
    }
  }

  constructor(path, token) {
    this.path = path;
    this.token = token;
  }

  /** True while the lock file still holds this owner's record. */
  verify() {
    return readLock(this.path)?.record?.token === this.token;
  }

  /** Gives up ownership: removes the lock file if it still holds this owner's record. */
  release() {
    if (!OwnerLock.#heldTokens.delete(this.token)) return;
    OwnerLock.#heldPaths.delete(this.path);
    if (this.verify()) fs.rmSync(this.path, { force: true });
  }
}
