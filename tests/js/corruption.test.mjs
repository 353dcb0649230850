// Corruption through the package in Node (wasm VFS -> Node fs): bytes flipped mid-file are
// CORRUPT_DATABASE on the first read of their page and the file's hash never changes after
// further write attempts; open({ verify: 'quick' }) finds damage no query touched; SQLite files
// edgetally did not create are NOT_A_DATABASE and untouched; a store written by d5f70ca (before
// checksums) keeps opening.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { ErrorCode, StorageError, open } from '../../js/index.node.js';
import { tempDir } from './helpers.mjs';

const PAGE = 4096;
const earlierStore = new URL('../fixtures/store-d5f70ca.sqlite3', import.meta.url);
const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function rejectsWithCode(promise, code) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof StorageError, `${error?.name}: ${error?.message}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

// A store of 400 things; returns the group, the id of thing "needle" and another thing's id.
async function makeStore(dir) {
  const store = await open({ name: 's', path: dir });
  const group = await store.createGroup({ name: 'G', plan: 'pro' });
  const things = Array.from({ length: 400 }, (_, i) => ({
    type: 'doc',
    name: i === 200 ? 'needle' : `thing ${i}`,
    properties: { body: String.fromCharCode(97 + (i % 26)).repeat(200) },
  }));
  const { created } = await store.batchInsertThings({ groupId: group.id, things });
  await store.close();
  return { groupId: group.id, needle: created[200], other: created[5] };
}

// Flips every byte of the page holding `marker`.
function damagePageWith(file, marker) {
  const bytes = fs.readFileSync(file);
  const page = Math.floor(bytes.indexOf(marker) / PAGE);
  assert.ok(page > 0);
  for (let i = page * PAGE; i < (page + 1) * PAGE; i++) bytes[i] ^= 0xff;
  fs.writeFileSync(file, bytes);
  return page + 1;
}

test('bytes flipped mid-file: reading the page is CORRUPT_DATABASE and later writes leave the file unchanged', async (t) => {
  const dir = tempDir(t);
  const { groupId, needle, other } = await makeStore(dir);
  const file = path.join(dir, 's.sqlite3');
  const page = damagePageWith(file, 'needle');
  const damaged = sha256(file);
  const store = await open({ name: 's', path: dir });
  await assert.rejects(store.getThing({ thingId: needle }), (error) => {
    assert.equal(error.code, ErrorCode.CORRUPT_DATABASE);
    assert.equal(error.details.page, page);
    return true;
  });
  const writes = [
    () => store.insertThing({ groupId, type: 'doc', name: 'new' }),
    () => store.createGroup({ name: 'H', plan: 'pro' }),
    () => store.batchInsertThings({ groupId, things: [{ type: 'doc', name: 'n' }] }),
    () => store.recordUsage({ groupId, metric: 'api_calls_per_month', amount: 1 }),
    () => store.batchUpdateThings({ groupId, updates: [{ id: other, status: 'archived' }] }),
  ];
  for (const write of writes) {
    await rejectsWithCode(write(), ErrorCode.CORRUPT_DATABASE);
    assert.equal(sha256(file), damaged);
  }
  assert.equal((await store.getThing({ thingId: other })).name, 'thing 5', 'reads of intact pages go on');
  assert.equal((await store.getGroup({ groupId })).name, 'G');
  assert.equal((await store.checkIntegrity()).ok, false);
  await store.close();
  assert.equal(sha256(file), damaged);
});

test("open({ verify: 'quick' }) refuses damage in a page no query touched, and opens an intact store", async (t) => {
  const dir = tempDir(t);
  const { groupId } = await makeStore(dir);
  const intact = await open({ name: 's', path: dir, verify: 'quick' });
  assert.equal(await intact.countThings({ groupId }), 400);
  await intact.close();
  const file = path.join(dir, 's.sqlite3');
  const page = damagePageWith(file, 'needle');
  const damaged = sha256(file);
  await assert.rejects(open({ name: 's', path: dir, verify: 'quick' }), (error) => {
    assert.equal(error.code, ErrorCode.CORRUPT_DATABASE);
    assert.equal(error.details.page, page);
    return true;
  });
  assert.equal(sha256(file), damaged);
  assert.ok(!fs.existsSync(`${file}.lock`), 'the refused open released the store');
  await assert.rejects(open({ name: 's', path: dir, verify: 'full' }), (error) => error.code === ErrorCode.INVALID_ARGUMENT);
});

test('SQLite files edgetally did not create are NOT_A_DATABASE and left untouched', async (t) => {
  const dir = tempDir(t);
  const made = {
    notes: (db) => db.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')"),
    wal: (db) => db.exec("PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1)"),
    lookalike: (db) => {
      db.exec('CREATE TABLE meta (k); CREATE TABLE groups (k); CREATE TABLE things (k); CREATE TABLE usage (k)');
      db.pragma('user_version = 1');
      db.pragma('application_id = 7');
    },
  };
  for (const [name, make] of Object.entries(made)) {
    const file = path.join(dir, `${name}.sqlite3`);
    const db = new Database(file);
    make(db);
    db.close();
    const before = sha256(file);
    await rejectsWithCode(open({ name, path: dir }), ErrorCode.NOT_A_DATABASE);
    assert.equal(sha256(file), before, name);
  }
});

test('a store written by d5f70ca (before checksums) opens with its data and is checksummed after', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'legacy.sqlite3');
  fs.copyFileSync(earlierStore, file);
  const store = await open({ name: 'legacy', path: dir });
  assert.equal(await store.countThings({ groupId: 'legacy' }), 300);
  assert.equal((await store.getGroupQuotas({ groupId: "legacy" })).quotas.api_calls_per_month.current, 7);
  await store.insertThing({ groupId: 'legacy', type: 'doc', name: 'after upgrade' });
  assert.deepEqual(await store.checkIntegrity(), { ok: true, problems: [] });
  await store.close();
  const bytes = fs.readFileSync(file);
  assert.equal(bytes[20], 8, 'reserved bytes for checksums');
  assert.equal(bytes.readInt32BE(68), 0x45544c59, "edgetally's application id");
  const again = await open({ name: 'legacy', path: dir, verify: 'quick' });
  assert.equal(await again.countThings({ groupId: 'legacy' }), 301);
  await again.close();
});

test('a store written to by another SQLite library fails its checksums: CORRUPT_DATABASE, untouched', async (t) => {
  const dir = tempDir(t);
  await makeStore(dir);
  const file = path.join(dir, 's.sqlite3');
  const db = new Database(file);
  db.pragma('user_version = 5');
  db.close();
  const before = sha256(file);
  await rejectsWithCode(open({ name: 's', path: dir }), ErrorCode.CORRUPT_DATABASE);
  assert.equal(sha256(file), before);
});
