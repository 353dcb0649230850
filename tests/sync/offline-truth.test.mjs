// Offline truth across devices: two devices of a Starter group (5 users) add users while
// offline; each knows only its own. After both have synced, each device's quota checks count
// the combined total, and refuse what would go past the limit.
import assert from 'node:assert/strict';
import test from 'node:test';
import { open, QuotaExceededError } from 'edgetally';
import { eventually, startServer, token } from './helpers.mjs';
import { FaultProxy } from './proxy.mjs';

async function starterDevice(t, url) {
  const store = await open({
    storage: 'memory',
    sync: { url, getToken: async (g) => token(g), intervalMs: 0, debounceMs: 5, backoff: { baseMs: 3600000, maxMs: 3600000 }, random: () => 0.99 },
  });
  t.after(() => store.close());
  await store.createGroup({ id: 'startup', name: 'Startup', plan: 'starter' });
  return store;
}

const users = async (store) => (await store.getGroupQuotas({ groupId: 'startup' })).quotas.users;

test('two offline devices of a Starter group: after both sync, each counts both', async (t) => {
  const server = await startServer(t);
  const proxy = await new FaultProxy({ targets: [server.url], choose: () => 'pass' }).start();
  t.after(() => proxy.close());
  const a = await starterDevice(t, proxy.url);
  const b = await starterDevice(t, proxy.url);
  assert.notEqual(a.deviceId, b.deviceId);
  proxy.down = true;
  await a.enforceQuota({ groupId: 'startup', metric: 'users', requestedAmount: 2 });
  await b.enforceQuota({ groupId: 'startup', metric: 'users', requestedAmount: 2 });
  assert.equal((await users(a)).current, 2);
  assert.equal((await users(b)).current, 2);
  await eventually(async () => (await a.getSyncStatus()).lastError?.kind === 'offline', { what: 'a offline' });

  proxy.down = false;
  assert.equal((await a.sync()).error, null);
  assert.equal((await b.sync()).error, null);
  assert.equal((await a.sync()).error, null); // a has nothing to send: it reads the group's totals
  for (const store of [a, b]) {
    const level = await users(store);
    assert.equal(level.current, 4);
    assert.equal(level.remaining, 1);
    assert.equal((await store.checkCanCreateEntities({ groupId: 'startup', count: 1 })).canCreate, true);
    await assert.rejects(store.enforceQuota({ groupId: 'startup', metric: 'users', requestedAmount: 2 }), QuotaExceededError);
  }
  // One more user on a, synced: b learns it on its next round and is at the limit.
  await a.enforceQuota({ groupId: 'startup', metric: 'users', requestedAmount: 1 });
  await a.sync();
  await b.sync();
  assert.equal((await users(b)).current, 5);
  await assert.rejects(b.enforceQuota({ groupId: 'startup', metric: 'users', requestedAmount: 1 }), QuotaExceededError);
});
