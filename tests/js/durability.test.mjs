// Durability in Node through the real storage path (wasm VFS -> Node fs): a commit survives
// SIGKILL right after it returns; a process killed mid-transaction leaves a database that opens,
// passes SQLite's integrity check and holds only whole batches; the dead owner's lock is stale.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { open } from '../../js/index.node.js';
import { runChild, tempDir } from './helpers.mjs';

test('a store written in Node survives SIGKILL right after commit and reopens with its data', async (t) => {
  const dir = tempDir(t);
  const { signal, lines } = await runChild('writer.mjs', [dir, 'k', 'self-kill']);
  assert.equal(signal, 'SIGKILL');
  assert.deepEqual(lines, ['committed']);
  assert.ok(fs.existsSync(path.join(dir, 'k.sqlite3.lock')), 'the killed owner left its lock');
  const store = await open({ name: 'k', path: dir }); // stale lock taken over
  assert.equal(await store.countThings({ groupId: 'durable' }), 100);
  assert.deepEqual(await store.checkIntegrity(), { ok: true, problems: [] });
  await store.close();
});

test('a process killed at random points mid-write never leaves a corrupt or partial batch', async (t) => {
  const dir = tempDir(t);
  let lastSeen = 0;
  for (let round = 0; round < 4; round++) {
    const killAfterMs = 5 + Math.floor(Math.random() * 40);
    let armed = false;
    const { signal } = await runChild('writer.mjs', [dir, 'r', 'loop'], (line, child) => {
      lastSeen = Number(line.split(' ')[1]);
      if (!armed) {
        armed = true; // first commit seen: kill a few ms later, wherever it is
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    assert.equal(signal, 'SIGKILL');
    const store = await open({ name: 'r', path: dir });
    const count = await store.countThings({ groupId: 'durable' });
    assert.deepEqual(await store.checkIntegrity(), { ok: true, problems: [] });
    assert.equal(count % 50, 0, `only whole batches (round ${round}, count ${count})`);
    assert.ok(count >= lastSeen, `every reported commit is there (${count} >= ${lastSeen})`);
    await store.close();
  }
});
