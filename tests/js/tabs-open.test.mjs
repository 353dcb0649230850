// openShared (js/tabs/open-shared.js) with an in-memory Web Locks manager and Node's own
// BroadcastChannel: the follower that takes the store over while it still waits for an owner
// to answer (the old owner closed just then) opens with its own engine's answer. Before the fix
// it sent 'openInfo' to its own worker and opened with `undefined` ("info.handle" in WebKit's
// demo test).
import assert from 'node:assert/strict';
import test from 'node:test';
import { requestOwnership } from '../../js/tabs/ownership.js';
import { openShared } from '../../js/tabs/open-shared.js';

// The part of navigator.locks that ownership.js uses: exclusive, ifAvailable, FIFO queue.
class FakeLocks {
  #held = new Set();
  #queues = new Map();

  request(name, options, callback) {
    if (typeof options === 'function') [callback, options] = [options, {}];
    if (!this.#held.has(name)) return this.#grant(name, callback);
    if (options.ifAvailable) return Promise.resolve(callback(null));
    const queue = this.#queues.get(name) ?? [];
    this.#queues.set(name, queue);
    return new Promise((resolve) => queue.push(() => resolve(this.#grant(name, callback))));
  }

  #grant(name, callback) {
    this.#held.add(name);
    const done = Promise.resolve(callback({ name }));
    done.then(() => {
      this.#held.delete(name);
      this.#queues.get(name)?.shift()?.();
    });
    return done;
  }
}

test('a follower that takes over before any owner answered opens with its own engine', async () => {
  globalThis.navigator = { locks: new FakeLocks() };
  try {
    const old = await requestOwnership('s'); // an owner that never answers the channel
    assert.equal(old.owned, true);
    const engineInfo = { handle: 7, storage: 'opfs', persistent: true };
    const engine = { request: async () => ({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'unknown op' } }) };
    const opening = openShared({ name: 's' }, async () => ({ transport: engine, info: engineInfo }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    old.release(); // the old owner goes away: this tab is granted the lock and takes over
    const { transport, info } = await opening;
    try {
      assert.equal(transport.isOwner, true);
      assert.deepEqual(info, { ...engineInfo, handle: 0 });
    } finally {
      transport.dispose();
    }
  } finally {
    delete globalThis.navigator;
  }
});
