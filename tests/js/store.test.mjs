// The package through its public API in Node: the first call path (group, thing, read, count),
// persistence on disk, and the typed error of every bad input to open() and to the calls.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import {
  EdgeTallyError,
  ErrorCode,
  NotFoundError,
  StorageError,
  StoreUnavailableError,
  ValidationError,
  open,
} from '../../js/index.node.js';
import { instantiate } from '../../js/engine-host.js';
import { ERROR_CODE_TABLE } from '../../js/generated/error-codes.js';
import { fileBytes, tempDir } from './helpers.mjs';

async function rejectsWith(promise, Class, code) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof Class, `expected ${Class.name}, got ${error?.name}: ${error?.message}`);
    assert.ok(error instanceof EdgeTallyError);
    assert.equal(error.code, code);
    return true;
  });
}

test('create a group, insert a thing, read it back and count, through every layer', async (t) => {
  const dir = tempDir(t);
  const store = await open({ name: 'main', path: dir });
  assert.equal(store.storage, 'node');
  assert.match(store.deviceId, /^[0-9a-f]{32}$/);
  const group = await store.createGroup({ name: 'Acme', plan: 'pro' });
  assert.equal(group.plan, 'pro');
  const thing = await store.insertThing({
    groupId: group.id,
    type: 'course',
    name: '  Intro to SQL ',
    properties: { price: 19.99, tags: ['a', 'b'] },
  });
  assert.equal(thing.name, 'Intro to SQL');
  const back = await store.getThing({ thingId: thing.id });
  assert.deepEqual(back.properties, { price: 19.99, tags: ['a', 'b'] });
  assert.equal(await store.countThings({ groupId: group.id }), 1);
  assert.equal(await store.countThings({ groupId: group.id, type: 'other' }), 0);
  await store.close();
  assert.ok(fs.existsSync(path.join(dir, 'main.sqlite3')));
});

test('data persists across close and reopen, and the device id is stable', async (t) => {
  const dir = tempDir(t);
  let store = await open({ name: 'p', path: dir });
  const { deviceId } = store;
  const group = await store.createGroup({ id: 'tenant-7', name: 'T7', plan: 'pro' });
  const batch = await store.batchInsertThings({
    groupId: group.id,
    things: Array.from({ length: 250 }, (_, i) => ({ type: 'doc', name: `d${i}` })),
  });
  assert.equal(batch.summary.success, 250);
  await store.close();
  store = await open({ name: 'p', path: dir });
  assert.equal(store.deviceId, deviceId);
  assert.equal((await store.getGroup({ groupId: 'tenant-7' })).name, 'T7');
  assert.equal(await store.countThings({ groupId: 'tenant-7' }), 250);
  assert.deepEqual(await store.checkIntegrity(), { ok: true, problems: [] });
  await store.close();
});

test('memory stores keep nothing and are independent', async () => {
  const a = await open({ name: 'm', storage: 'memory' });
  const b = await open({ name: 'm', storage: 'memory' });
  await a.createGroup({ id: 'g', name: 'G', plan: 'pro' });
  await rejectsWith(b.getGroup({ groupId: 'g' }), NotFoundError, ErrorCode.NOT_FOUND);
  await a.close();
  await b.close();
});

test('bad open options each get a typed error', async (t) => {
  const dir = tempDir(t);
  await rejectsWith(open({ name: 'x', storage: 'cloud' }), ValidationError, ErrorCode.UNKNOWN_STORAGE);
  await rejectsWith(open({ name: 'x', storage: 'opfs' }), StorageError, ErrorCode.STORAGE_UNAVAILABLE);
  for (const name of ['../escape', 'a/b', 'a\\b', '..', 'x..y', '', '.hidden', 'a'.repeat(129), 42]) {
    await rejectsWith(open({ name, path: dir }), ValidationError, ErrorCode.INVALID_NAME);
  }
  await rejectsWith(open(null), ValidationError, ErrorCode.INVALID_ARGUMENT);
  await rejectsWith(open({ name: 'x', path: 7 }), ValidationError, ErrorCode.INVALID_ARGUMENT);
  assert.deepEqual(fs.readdirSync(dir), [], 'nothing was created by a refused open');
});

test('a file that is not a SQLite database is refused and left untouched', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'junk.sqlite3');
  fs.writeFileSync(file, Buffer.alloc(10000, 'not a database '));
  const before = fileBytes(file);
  await rejectsWith(open({ name: 'junk', path: dir }), StorageError, ErrorCode.NOT_A_DATABASE);
  assert.deepEqual(fileBytes(file), before);
  assert.ok(!fs.existsSync(`${file}.lock`), 'the lock was released');
});

test('a corrupt database is refused and left untouched', async (t) => {
  const dir = tempDir(t);
  const store = await open({ name: 'c', path: dir });
  await store.createGroup({ name: 'G', plan: 'pro' });
  await store.close();
  const file = path.join(dir, 'c.sqlite3');
  const bytes = fileBytes(file);
  for (let i = 100; i < 4096; i++) bytes[i] = (i * 7) & 0xff;
  fs.writeFileSync(file, bytes);
  await rejectsWith(open({ name: 'c', path: dir }), StorageError, ErrorCode.CORRUPT_DATABASE);
  assert.deepEqual(fileBytes(file), bytes);
});

test('a database written by a newer schema version is refused and left untouched', async (t) => {
  const dir = tempDir(t);
  const store = await open({ name: 'n', storage: 'memory' });
  const supported = store.schemaVersion;
  await store.close();
  // Another SQLite writer would break a current store's page checksums (CORRUPT_DATABASE, see
  // corruption.test.mjs), so the newer version goes into a store from before checksums.
  const file = path.join(dir, 'n.sqlite3');
  fs.copyFileSync(new URL('../fixtures/store-d5f70ca.sqlite3', import.meta.url), file);
  const db = new Database(file);
  db.pragma(`user_version = ${supported + 1}`);
  db.close();
  const before = fileBytes(file);
  await assert.rejects(open({ name: 'n', path: dir }), (error) => {
    assert.equal(error.code, ErrorCode.SCHEMA_TOO_NEW);
    assert.deepEqual(error.details, { found: supported + 1, supported });
    assert.match(error.message, /upgrade edgetally/);
    return true;
  });
  assert.deepEqual(fileBytes(file), before);
});

test('a store open in this process cannot be opened twice, and can after close', async (t) => {
  const dir = tempDir(t);
  const first = await open({ name: 'l', path: dir });
  await rejectsWith(open({ name: 'l', path: dir }), StoreUnavailableError, ErrorCode.STORE_LOCKED);
  await first.createGroup({ id: 'still-works', name: 'S', plan: 'pro' });
  await first.close();
  const second = await open({ name: 'l', path: dir });
  assert.equal((await second.getGroup({ groupId: 'still-works' })).name, 'S');
  await second.close();
});

test('calls on a closed store reject with STORE_CLOSED', async () => {
  const store = await open({ name: 'closed', storage: 'memory' });
  await store.close();
  await store.close(); // harmless
  await rejectsWith(store.countThings({ groupId: 'g' }), StoreUnavailableError, ErrorCode.STORE_CLOSED);
});

test('bad call arguments get typed errors naming the field, and the store keeps working', async () => {
  const store = await open({ name: 'args', storage: 'memory' });
  const group = await store.createGroup({ name: 'G', plan: 'pro' });
  const cases = [
    [store.createGroup({ name: 'x', plan: 'platinum' }), ErrorCode.UNKNOWN_PLAN, 'plan'],
    [store.createGroup({ plan: 'pro' }), ErrorCode.INVALID_ARGUMENT, 'name'],
    [store.createGroup({ name: 'n'.repeat(300), plan: 'pro' }), ErrorCode.INVALID_ARGUMENT, 'name'],
    [store.insertThing({ groupId: group.id, name: 'n' }), ErrorCode.INVALID_ARGUMENT, 'type'],
    [store.insertThing({ groupId: group.id, type: 't', name: 'n', properties: [1] }), ErrorCode.INVALID_ARGUMENT, 'properties'],
    [store.getThing({ thingId: 'one' }), ErrorCode.INVALID_ARGUMENT, 'thingId'],
    [store.getThing({ thingId: Number.NaN }), ErrorCode.INVALID_ARGUMENT, 'thingId'],
    [store.getThing({ thingId: 2 ** 64 }), ErrorCode.INVALID_ARGUMENT, 'thingId'],
    [store.getThing({ thingId: 10n }), ErrorCode.INVALID_ARGUMENT, undefined],
    [store.batchInsertThings({ groupId: group.id, things: 'many' }), ErrorCode.INVALID_ARGUMENT, 'things'],
  ];
  for (const [promise, code, field] of cases) {
    await assert.rejects(promise, (error) => {
      assert.ok(error instanceof ValidationError, error.message);
      assert.equal(error.code, code);
      if (field) assert.equal(error.details.field, field);
      return true;
    });
  }
  await rejectsWith(store.insertThing({ groupId: 'nope', type: 't', name: 'n' }), NotFoundError, ErrorCode.NOT_FOUND);
  assert.equal(await store.countThings({ groupId: group.id }), 0, 'nothing half-applied');
  await store.insertThing({ groupId: group.id, type: 't', name: 'fine' });
  assert.equal(await store.countThings({ groupId: group.id }), 1);
  await store.close();
});

test('an atomic batch with invalid rows writes nothing and lists every bad row', async () => {
  const store = await open({ name: 'atomic', storage: 'memory' });
  const group = await store.createGroup({ name: 'G', plan: 'pro' });
  const things = Array.from({ length: 20 }, (_, i) => ({ type: 'doc', name: `d${i}` }));
  things[3].name = '   ';
  things[11] = { type: 'doc', name: 'x', properties: 'not an object' };
  const result = await store.batchInsertThings({ groupId: group.id, things });
  assert.equal(result.failed, 2);
  assert.deepEqual(result.created, []);
  assert.deepEqual(result.errors.map((e) => [e.index, e.field, e.code]), [
    [3, 'name', 'required'],
    [11, 'properties', 'object'],
  ]);
  assert.equal(await store.countThings({ groupId: group.id }), 0);
  await store.close();
});

test('the JS error codes are exactly the core list, in order', async () => {
  const bytes = fs.readFileSync(new URL('../../dist/edgetally.wasm', import.meta.url));
  const module = await instantiate(await WebAssembly.compile(bytes));
  assert.deepEqual(JSON.parse(module.errorCodes()), ERROR_CODE_TABLE);
  for (const { code } of ERROR_CODE_TABLE) assert.equal(ErrorCode[code], code);
});
