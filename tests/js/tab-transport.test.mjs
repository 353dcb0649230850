// TabTransport (js/tabs/tab-transport.js) with Node's own BroadcastChannel and a stand-in for
// the owner's worker that records what reaches the engine: while a follower tab's chunked batch
// runs, a call of the owner's own tab waits for the batch's end and runs after it, and the
// batch's chunks are not held up behind that call. Before the fix the waiting call sat in the
// owner's queue, the follower's next chunk queued behind it, and the store hung for every tab.
import assert from 'node:assert/strict';
import test from 'node:test';
import { TabTransport } from '../../js/tabs/tab-transport.js';

// Settles with `promise`'s value, or with `label + ' still pending'` after `ms` (a hang must fail
// the test with a message, not stall the suite).
const within = (promise, label, ms = 5000) =>
  Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(`${label} still pending`), ms).unref())]);

test("a follower's chunked batch is never held up by the owner's own call, which runs after its end", async (t) => {
  const reached = [];
  const engine = { request: async (message) => (reached.push(message.op), { ok: true, result: message.op }) };
  const owner = new TabTransport('batch-vs-owner');
  const follower = new TabTransport('batch-vs-owner');
  t.after(() => {
    owner.dispose();
    follower.dispose();
  });
  owner.becomeOwner(engine, { handle: 1 });
  await follower.findOwner();
  assert.equal((await follower.request({ op: 'beginImport', args: { groupId: 'g' } })).ok, true);
  const ownCall = owner.request({ op: 'getGroupMetrics', args: { groupId: 'g' } }); // e.g. a card refreshing
  await new Promise((resolve) => setTimeout(resolve, 50));
  const chunk = await within(follower.request({ op: 'importChunk', bytes: new Uint8Array([1]) }), 'the chunk');
  assert.deepEqual(chunk, { ok: true, result: 'importChunk' });
  const end = await within(follower.request({ op: 'endBatch', args: { commit: true } }), 'endBatch');
  assert.deepEqual(end, { ok: true, result: 'endBatch' });
  assert.deepEqual(await within(ownCall, "the owner's call"), { ok: true, result: 'getGroupMetrics' });
  assert.deepEqual(reached, ['beginImport', 'importChunk', 'endBatch', 'getGroupMetrics']);
});

test("a call that reaches the owner while another tab's batch begins waits for its end too", async (t) => {
  const reached = [];
  let releaseBegin;
  const beginHeld = new Promise((resolve) => (releaseBegin = resolve));
  const engine = {
    request: async (message) => {
      if (message.op === 'beginBatch') await beginHeld;
      reached.push(message.op);
      return { ok: true, result: message.op };
    },
  };
  const owner = new TabTransport('begin-vs-owner');
  const follower = new TabTransport('begin-vs-owner');
  t.after(() => {
    owner.dispose();
    follower.dispose();
  });
  owner.becomeOwner(engine, { handle: 1 });
  await follower.findOwner();
  const begin = follower.request({ op: 'beginBatch', args: { groupId: 'g' } });
  await new Promise((resolve) => setTimeout(resolve, 50)); // the begin is in the owner's queue
  const ownCall = owner.request({ op: 'countThings', args: { groupId: 'g' } }); // queued behind it
  releaseBegin();
  assert.equal((await begin).ok, true);
  assert.equal((await within(follower.request({ op: 'batchChunk', args: { things: [] } }), 'the chunk')).ok, true);
  assert.equal((await within(follower.request({ op: 'endBatch', args: { commit: true } }), 'endBatch')).ok, true);
  assert.equal((await within(ownCall, "the owner's call")).ok, true);
  assert.deepEqual(reached, ['beginBatch', 'batchChunk', 'endBatch', 'countThings']);
});
