// Ownership of a Node store: exactly one owner when 16 processes race on a stale lock (left by
// a SIGKILLed owner), the store intact after each race; stale detection that survives pid
// reuse (a lock naming a live but unrelated process) and reboots; a live owner in another
// process is respected.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { test } from 'node:test';
import { ErrorCode, open } from '../../js/index.node.js';
import { fixtures, runChild, tempDir } from './helpers.mjs';

const RACERS = 16;
const TRIALS = Number(process.env.ET_LOCK_TRIALS ?? 300);

// A long-lived fixtures/owner-racer.mjs process; next() resolves with its next stdout line.
function startRacer() {
  const child = spawn(process.execPath, [path.join(fixtures, 'owner-racer.mjs')], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting = [];
  const queued = [];
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    if (waiting.length) waiting.shift()(line);
    else queued.push(line);
  });
  return {
    child,
    send: (line) => child.stdin.write(`${line}\n`),
    next: () => (queued.length ? Promise.resolve(queued.shift()) : new Promise((resolve) => waiting.push(resolve))),
  };
}

// A store with 100 things whose owner was SIGKILLed: its lock file is stale.
async function killedOwnerStore(dir) {
  const { signal } = await runChild('writer.mjs', [dir, 'race', 'self-kill']);
  assert.equal(signal, 'SIGKILL');
  return {
    store: fs.readFileSync(path.join(dir, 'race.sqlite3')),
    lock: fs.readFileSync(path.join(dir, 'race.sqlite3.lock')),
  };
}

async function assertIntact(dir, expected, trial) {
  const store = await open({ name: 'race', path: dir });
  assert.deepEqual(await store.checkIntegrity(), { ok: true, problems: [] }, `trial ${trial}`);
  assert.equal(await store.countThings({ groupId: 'durable' }), expected, `trial ${trial}`);
  await store.close();
}

test(`${RACERS} processes racing on a stale lock: exactly one owner, the store intact (${TRIALS} trials)`, async (t) => {
  const root = tempDir(t);
  const template = await killedOwnerStore(path.join(root, 'template'));
  const racers = Array.from({ length: RACERS }, startRacer);
  t.after(() => racers.forEach((racer) => racer.child.kill()));
  for (let trial = 0; trial < TRIALS; trial++) {
    const dir = path.join(root, `t${trial}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'race.sqlite3'), template.store);
    fs.writeFileSync(path.join(dir, 'race.sqlite3.lock'), template.lock);
    for (const racer of racers) racer.send(`try ${dir}`);
    const outcomes = await Promise.all(racers.map((racer) => racer.next()));
    const owners = racers.filter((_, i) => outcomes[i] === 'owner');
    assert.deepEqual(outcomes.filter((o) => o !== 'owner' && o !== 'locked'), [], `trial ${trial}`);
    assert.equal(owners.length, 1, `trial ${trial}: ${owners.length} owners`);
    owners[0].send('release');
    assert.equal(await owners[0].next(), 'closed');
    await assertIntact(dir, 110, trial);
    fs.rmSync(dir, { recursive: true });
  }
});

// A process that stays alive (sleep) and whose pid a lock can name.
function liveUnrelatedProcess(t) {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  t.after(() => child.kill());
  return child.pid;
}

async function opensOverLock(t, lockText, mtime) {
  const dir = tempDir(t);
  const lock = path.join(dir, 's.sqlite3.lock');
  fs.writeFileSync(lock, lockText);
  if (mtime) fs.utimesSync(lock, mtime, mtime);
  const store = await open({ name: 's', path: dir });
  assert.notEqual(fs.readFileSync(lock, 'utf8'), lockText, 'the lock now names this process');
  await store.createGroup({ name: 'G', plan: 'pro' });
  await store.close();
  assert.ok(!fs.existsSync(lock), 'released on close');
}

test('a lock naming a live pid that belongs to another process now (pid reuse) is stale', async (t) => {
  const pid = liveUnrelatedProcess(t);
  const boot = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  // The record of an owner that had this pid before: same boot, another start time.
  await opensOverLock(t, JSON.stringify({ pid, start: '1', boot, token: 'a'.repeat(32) }));
});

test('a bare-pid lock (the earlier format) naming a process started after it was written is stale', async (t) => {
  const pid = liveUnrelatedProcess(t);
  await opensOverLock(t, String(pid), new Date(Date.now() - 3600_000));
});

test('a lock written before the machine rebooted is stale, whatever its pid', async (t) => {
  const record = { pid: process.ppid, start: null, boot: 'another-boot', token: 'b'.repeat(32) };
  await opensOverLock(t, JSON.stringify(record));
});

test('an empty lock file (an owner killed while writing the earlier format) is stale', async (t) => {
  await opensOverLock(t, '');
});

test('a store owned by a live process is STORE_LOCKED for another, and opens after it closes', async (t) => {
  const dir = tempDir(t);
  await killedOwnerStore(dir);
  const racer = startRacer();
  t.after(() => racer.child.kill());
  racer.send(`try ${dir}`);
  assert.equal(await racer.next(), 'owner');
  await assert.rejects(open({ name: 'race', path: dir }), (error) => error.code === ErrorCode.STORE_LOCKED);
  racer.send('release');
  assert.equal(await racer.next(), 'closed');
  await assertIntact(dir, 110, 0);
});
