// Scale-out: two reference server processes (the CLI) on one PostgreSQL cluster started by the
// test. Devices alternate between the two servers request by request, and the same batch is
// sent to both at once again and again: the server's totals still equal the sum of the records,
// exactly, because the unique key (group, record id) decides which process's insert counts.
import assert from 'node:assert/strict';
import test from 'node:test';
import { open } from 'edgetally';
import { SECRET, api, token } from './helpers.mjs';
import { startServerProcess } from './server-process.mjs';
import { startPostgres } from './postgres.mjs';

const DEVICES = 3;
const RECORDS = 400;

const exits = []; // server processes, stopped before the cluster they use

function startServer(database) {
  return startServerProcess({ database, archives: '/tmp/edgetally-scaleout-archives', secret: SECRET, track: (kill) => exits.push(kill) });
}

function event(id, amount) {
  return { specversion: '1.0', id, source: 'racer', type: 'users', subject: 'acme', time: '2026-12-01T00:00:00.000Z',
    data: { amount, kind: 'add', period: 'monthly', periodStart: 0, periodEnd: 1, bucket: 0 } };
}

test('two server processes on one PostgreSQL: clients alternating, the same exact totals', { timeout: 300000 }, async (t) => {
  t.after(() => exits.forEach((kill) => kill())); // registered first: runs before the cluster stops
  const database = await startPostgres(t);
  const servers = await Promise.all([startServer(database), startServer(database)]);
  let turn = 0;
  const alternate = (url, init) => fetch(url.replace(servers[0], servers[turn++ % 2]), init);
  const stores = [];
  for (let d = 0; d < DEVICES; d++) {
    const store = await open({ storage: 'memory', sync: { url: servers[0], getToken: async (g) => token(g), fetch: alternate, intervalMs: 0, debounceMs: 1, maxBatchRecords: 25 } });
    t.after(() => store.close());
    await store.createGroup({ id: 'acme', name: 'Acme', plan: 'enterprise' });
    stores.push(store);
  }
  let expected = 0;
  await Promise.all(stores.map(async (store, d) => {
    for (let i = 0; i < RECORDS; i++) {
      const amount = ((d * 31 + i) % 5) + 1;
      expected += amount;
      await store.recordUsage({ groupId: 'acme', metric: 'api_calls_per_month', amount });
    }
    for (;;) {
      await store.sync();
      if ((await store.getSyncStatus()).pendingCount === 0) break;
    }
  }));
  // The same batch to both processes at once, twenty times: each record counts once.
  const batch = JSON.stringify(Array.from({ length: 50 }, (_, i) => event(`race-${i}`, 2)));
  const post = (url) => api(url, '/v1/groups/acme/usage', { method: 'POST', groupId: 'acme', headers: { 'content-type': 'application/json' }, body: batch });
  let accepted = 0;
  for (let round = 0; round < 20; round++) {
    const replies = await Promise.all([post(servers[0]), post(servers[1])]);
    for (const reply of replies) {
      assert.equal(reply.status, 200, reply.text);
      accepted += reply.json.results.filter((r) => r.status === 'accepted').length;
    }
  }
  assert.equal(accepted, 50);
  for (const url of servers) {
    const view = await api(url, '/v1/groups/acme', { groupId: 'acme' });
    const byMetric = Object.fromEntries(view.json.totals.map((row) => [row.metric, (row.value)]));
    assert.equal(byMetric.users, 100);
    const calls = view.json.totals.filter((row) => row.metric === 'api_calls_per_month').reduce((sum, row) => sum + row.value, 0);
    assert.equal(calls, expected);
  }
  console.log(`scale-out: ${DEVICES * RECORDS} records from ${DEVICES} devices over 2 server processes, totals exact (${expected})`);
});
