// Never silently volatile, in Node: a store says what it is stored on (storage, persistent,
// storageStatus, onStorage), requirePersistence refuses memory, and the browser-only kinds
// are refused with typed errors.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { ErrorCode, StorageError, ValidationError, open } from '../../js/index.node.js';
import { tempDir } from './helpers.mjs';

async function rejectsWith(promise, Class, code, field) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof Class, `expected ${Class.name}, got ${error?.name}: ${error?.message}`);
    assert.equal(error.code, code);
    if (field) assert.equal(error.details.field, field);
    return true;
  });
}

const firstStatus = (store) => new Promise((resolve) => store.onStorage(resolve));

test('a file store is persistent, and says so to onStorage listeners', async (t) => {
  const store = await open({ name: 'files', path: tempDir(t), requirePersistence: true });
  assert.equal(store.storage, 'node');
  assert.equal(store.persistent, true);
  const expected = { type: 'storage', storage: 'node', persistent: true };
  assert.deepEqual(store.storageStatus, expected);
  assert.deepEqual(await firstStatus(store), expected);
  await store.close();
});

test('a memory store is not persistent, and says so to onStorage listeners', async () => {
  const store = await open({ name: 'volatile', storage: 'memory' });
  assert.equal(store.storage, 'memory');
  assert.equal(store.persistent, false);
  assert.deepEqual(await firstStatus(store), { type: 'storage', storage: 'memory', persistent: false });
  await store.close();
});

test('an unsubscribed onStorage listener is not called; a non-function is refused', async () => {
  const store = await open({ name: 'listeners', storage: 'memory' });
  const seen = [];
  store.onStorage((status) => seen.push(status))();
  await firstStatus(store); // listeners are called in order: the first one had its turn
  assert.deepEqual(seen, []);
  assert.throws(() => store.onStorage('not a function'), (error) => error.code === ErrorCode.INVALID_ARGUMENT);
  await store.close();
});

test('requirePersistence refuses memory; browser-only storage and bad values are refused', async (t) => {
  const dir = tempDir(t);
  await rejectsWith(
    open({ name: 'x', storage: 'memory', requirePersistence: true }),
    StorageError,
    ErrorCode.STORAGE_UNAVAILABLE,
    'requirePersistence',
  );
  await rejectsWith(open({ name: 'x', storage: 'indexeddb', path: dir }), StorageError, ErrorCode.STORAGE_UNAVAILABLE, 'storage');
  await rejectsWith(
    open({ name: 'x', requirePersistence: 'yes', path: dir }),
    ValidationError,
    ErrorCode.INVALID_ARGUMENT,
    'requirePersistence',
  );
  assert.deepEqual(fs.readdirSync(dir), [], 'nothing was created by a refused open');
});
