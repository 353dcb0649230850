// storage/prepared.js: a store's storage taken before its open request, for the browser worker.
// The open request gets the prepared acquisition when it asks for the same store, storage and
// persistence; anything else gets a new one and the prepared backend is given back; a failed
// prepared acquisition fails the open that claims it, with its own error, and nothing else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preparedStorage } from '../../js/storage/prepared.js';

// A fake acquire that records its calls and hands out backends that know if they were released.
function fakeAcquire({ fail } = {}) {
  const calls = [];
  const acquire = async (options) => {
    calls.push(options.name);
    if (fail) throw Object.assign(new Error(`store '${options.name}' is open in another tab`), { code: 'STORE_LOCKED' });
    return { storage: options.storage, backend: { name: options.name, released: false, release() { this.released = true; } } };
  };
  return { acquire, calls };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('prepare starts the acquisition at once; the matching open gets it, not a second one', async () => {
  const fake = fakeAcquire();
  const storage = preparedStorage(fake.acquire);
  storage.prepare({ name: 'a', storage: 'opfs', verify: 'none' });
  await settle();
  assert.deepEqual(fake.calls, ['a'], 'started before any open');
  const taken = await storage.acquire({ name: 'a', storage: 'opfs', verify: 'quick' }); // verify is not storage's
  assert.equal(taken.backend.name, 'a');
  assert.equal(taken.backend.released, false);
  assert.deepEqual(fake.calls, ['a']);
  await storage.acquire({ name: 'a', storage: 'opfs' }); // claimed once: the next open acquires anew
  assert.deepEqual(fake.calls, ['a', 'a']);
});

test('an open of another store, storage or persistence gets its own; the prepared one is given back', async () => {
  for (const other of [{ name: 'b', storage: 'opfs' }, { name: 'a', storage: 'indexeddb' }, { name: 'a', storage: 'opfs', requirePersistence: true }]) {
    const backends = [];
    const storage = preparedStorage(async (options) => {
      const backend = { options, released: false, release() { this.released = true; } };
      backends.push(backend);
      return { storage: options.storage, backend };
    });
    storage.prepare({ name: 'a', storage: 'opfs' });
    const taken = await storage.acquire(other);
    await settle();
    assert.equal(backends.length, 2, JSON.stringify(other));
    assert.deepEqual(backends[0].options, { name: 'a', storage: 'opfs' });
    assert.equal(backends[0].released, true, 'the prepared backend was given back');
    assert.equal(taken.backend, backends[1]);
    assert.deepEqual(taken.backend.options, other);
    assert.equal(taken.backend.released, false);
  }
});

test('the given-back backend is released (its files are free for the open that follows)', async () => {
  const backends = [];
  const storage = preparedStorage(async (options) => {
    const backend = { name: options.name, released: false, release() { this.released = true; } };
    backends.push(backend);
    return { storage: 'opfs', backend };
  });
  storage.prepare({ name: 'a', storage: 'opfs' });
  storage.prepare({ name: 'b', storage: 'opfs' }); // a second prepare replaces the first
  await settle();
  const taken = await storage.acquire({ name: 'c', storage: 'opfs' });
  await settle();
  assert.deepEqual(backends.map((b) => [b.name, b.released]), [['a', true], ['b', true], ['c', false]]);
  assert.equal(taken.backend.name, 'c');
});

test('a failed prepared acquisition fails the open that claims it with its typed error, and no other', async (t) => {
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  t.after(() => process.off('unhandledRejection', onUnhandled));
  const fake = fakeAcquire({ fail: true });
  const storage = preparedStorage(fake.acquire);
  storage.prepare({ name: 'a', storage: 'opfs' });
  await settle();
  await settle();
  assert.deepEqual(unhandled, [], 'a prepared failure is not an unhandled rejection');
  await assert.rejects(storage.acquire({ name: 'a', storage: 'opfs' }), { code: 'STORE_LOCKED', message: /store 'a'/ });
  assert.deepEqual(fake.calls, ['a'], 'the open did not acquire twice');
});

test('without a prepare, acquire calls straight through', async () => {
  const fake = fakeAcquire();
  const storage = preparedStorage(fake.acquire);
  const taken = await storage.acquire({ name: 'x', storage: 'memory' });
  assert.equal(taken.backend.name, 'x');
  assert.deepEqual(fake.calls, ['x']);
});
