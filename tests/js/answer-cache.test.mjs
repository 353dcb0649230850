// Kept quota answers through the package (the core's answer cache, src/api/answer_cache.h, and
// the host's copy of it, js/engine-host.js): asked once so the answer is kept, then a write of
// each kind that can move it, or the clock moved across a period end (Date mocked: it is the
// engine's clock in wasm), and the next answer must show the change. Each caller gets an answer
// of its own: changing one never changes the next.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { open } from '../../js/index.node.js';

async function freshGroup(plan = 'starter') {
  const store = await open({ name: 'kept', storage: 'memory' });
  const group = await store.createGroup({ name: 'Acme', plan });
  return { store, groupId: group.id };
}

const current = async (store, groupId, metric) => (await store.getGroupQuotas({ groupId })).quotas[metric].current;

test('a kept answer follows usage, things, connections, plans and server totals', async () => {
  const { store, groupId } = await freshGroup();
  assert.equal(await current(store, groupId, 'api_calls_per_month'), 0);
  await store.recordUsage({ groupId, metric: 'api_calls_per_month', amount: 4 });
  assert.equal(await current(store, groupId, 'api_calls_per_month'), 4);

  const before = await store.checkCanCreateEntities({ groupId, count: 1 });
  const { created } = await store.batchInsertThings({ groupId, things: [{ type: 't', name: 'a' }, { type: 't', name: 'b' }] });
  const after = await store.checkCanCreateEntities({ groupId, count: 1 });
  assert.equal(after.remaining, before.remaining - 2);

  assert.equal(await current(store, groupId, 'connections_total'), 0);
  await store.batchCreateConnections({ groupId, connections: [{ fromId: created[0], toId: created[1], type: 'links' }] });
  assert.equal(await current(store, groupId, 'connections_total'), 1);

  assert.equal((await store.getGroupQuotas({ groupId })).plan, 'starter');
  await store.setGroupPlan({ groupId, plan: 'pro' });
  assert.equal((await store.getGroupQuotas({ groupId })).plan, 'pro');

  assert.equal(await current(store, groupId, 'users'), 0);
  await store.setServerTotals({ groupId, totals: { users: 3 } });
  assert.equal(await current(store, groupId, 'users'), 3);
  await store.close();
});

test('a refused write and other reads leave the answer right', async () => {
  const { store, groupId } = await freshGroup();
  await store.recordUsage({ groupId, metric: 'api_calls_per_month', amount: 2 });
  assert.equal(await current(store, groupId, 'api_calls_per_month'), 2);
  await assert.rejects(store.recordUsage({ groupId, metric: 'nope', amount: 1 }));
  await store.countThings({ groupId });
  assert.equal(await current(store, groupId, 'api_calls_per_month'), 2);
  await store.enforceQuota({ groupId, metric: 'api_calls_per_month', requestedAmount: 1 });
  assert.equal(await current(store, groupId, 'api_calls_per_month'), 3);
  await store.close();
});

test('each caller gets an answer of its own', async () => {
  const { store, groupId } = await freshGroup();
  const first = await store.getGroupQuotas({ groupId });
  first.quotas.users.current = 999;
  first.warnings.push('changed');
  const again = await store.getGroupQuotas({ groupId });
  assert.equal(again.quotas.users.current, 0);
  assert.deepEqual(again.warnings, []);
  assert.notEqual(again, first);
  await store.close();
});

test('a kept answer follows the clock across a period end', async (t) => {
  const lastMarchMs = Date.UTC(2026, 3, 1) - 1;
  mock.timers.enable({ apis: ['Date'], now: lastMarchMs - 1000 });
  t.after(() => mock.timers.reset());
  const { store, groupId } = await freshGroup();
  await store.recordUsage({ groupId, metric: 'api_calls_per_month', amount: 5 });
  mock.timers.setTime(lastMarchMs);
  const march = (await store.getGroupQuotas({ groupId })).quotas.api_calls_per_month;
  assert.equal(march.current, 5);
  assert.equal(march.nextResetAt, Date.UTC(2026, 3, 1));
  mock.timers.setTime(lastMarchMs + 1); // April 1st, 00:00 UTC: a new period
  const april = (await store.getGroupQuotas({ groupId })).quotas.api_calls_per_month;
  assert.equal(april.current, 0);
  assert.equal(april.periodStart, Date.UTC(2026, 3, 1));
  mock.timers.setTime(lastMarchMs); // set back: March again
  assert.equal(await current(store, groupId, 'api_calls_per_month'), 5);
  await store.close();
});
