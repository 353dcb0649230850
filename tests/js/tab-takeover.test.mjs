// A takeover that fails (js/tabs/open-shared.js): when the owner tab goes away and the tab that
// gets the lock cannot open the store, its calls in flight and every later call reject with the
// typed error (none waits forever on an owner that is gone), and the lock is given back so
// another tab may try. Two "tabs" in one Node thread: real BroadcastChannels, a fake Web Locks
// manager (Node 20 has none) with the browser's queueing, and fake engines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCode, makeError } from '../../js/errors.js';
import { openShared } from '../../js/tabs/open-shared.js';

// navigator.locks' request(name, [options], callback) for exclusive locks: ifAvailable gets null
// when held; otherwise requests queue and are granted in order as holders' promises settle.
function fakeLocks() {
  const held = new Map(); // name -> queue of waiting grants
  const grant = (name, callback) => {
    held.set(name, held.get(name) ?? []);
    Promise.resolve(callback({ name })).finally(() => {
      const next = held.get(name).shift();
      if (next) next();
      else held.delete(name);
    });
  };
  return {
    request(name, options, callback) {
      if (typeof options === 'function') [options, callback] = [{}, options];
      if (!held.has(name)) return grant(name, callback);
      if (options.ifAvailable) return callback(null);
      held.get(name).push(() => grant(name, callback));
    },
    isHeld: (name) => held.has(name),
  };
}

// An engine whose 'hang' calls never answer (a call in flight when its tab dies).
const engine = () => ({
  transport: { request: (m) => (m.op === 'hang' ? new Promise(() => {}) : Promise.resolve({ ok: true, result: m.op })), dispose() {} },
  info: { handle: 1, deviceId: 'd' },
});

const settled = (promise) => Promise.race([
  promise.then((value) => ({ value }), (error) => ({ error })),
  new Promise((resolve) => setTimeout(() => resolve('still pending after 5 s'), 5000)),
]);

test('a follower whose takeover fails rejects its calls with the typed error and gives the lock back', async (t) => {
  const locks = fakeLocks();
  const options = { name: `takeover-${process.pid}` };
  const owner = await openShared(options, async () => engine(), locks);
  const broken = makeError(ErrorCode.IO_ERROR, 'cannot open the store files');
  const follower = await openShared(options, async () => { throw broken; }, locks);
  t.after(() => follower.transport.dispose()); // its channel would keep the process alive
  assert.equal(follower.transport.isOwner, false);
  assert.deepEqual(await follower.transport.request({ op: 'countThings' }), { ok: true, result: 'countThings' });
  const inFlight = follower.transport.request({ op: 'hang' });
  await new Promise((resolve) => setTimeout(resolve, 50)); // the call has reached the owner
  owner.transport.dispose(); // the owner tab goes away: its lock is released
  const outcome = await settled(inFlight);
  assert.equal(outcome.error?.code, ErrorCode.IO_ERROR, JSON.stringify(outcome));
  const later = await settled(follower.transport.request({ op: 'countThings' }));
  assert.equal(later.error?.code, ErrorCode.IO_ERROR, JSON.stringify(later));
  assert.equal(locks.isHeld(`edgetally:store:${options.name}`), false, 'the lock is given back');
  const next = await openShared(options, async () => engine(), locks); // another tab can own it
  assert.equal(next.transport.isOwner, true);
  next.transport.dispose();
});
