// The sync client (js/sync) against the real reference server on loopback, through the fault
// proxy where a case needs faults: delivery and acknowledgement, the two named failure modes of
// sync SDKs, dead letters, token refresh, batch caps, Retry-After, status events.
import assert from 'node:assert/strict';
import test from 'node:test';
import { open } from 'edgetally';
import { retryDelay, parseRetryAfter } from '../../js/sync/backoff.js';
import { api, eventually, startServer, token } from './helpers.mjs';
import { FaultProxy } from './proxy.mjs';

async function device(t, url, sync = {}) {
  let tokens = 0;
  const store = await open({
    storage: 'memory',
    sync: { url, getToken: async (g) => (tokens++, token(g)), intervalMs: 0, debounceMs: 5, backoff: { baseMs: 10, maxMs: 50 }, ...sync },
  });
  t.after(() => store.close());
  await store.createGroup({ id: 'acme', name: 'Acme', plan: 'enterprise' });
  return { store, tokens: () => tokens };
}

async function proxied(t, choose) {
  const server = await startServer(t, { server: { rateLimit: false } });
  const proxy = await new FaultProxy({ targets: [server.url], choose }).start();
  t.after(() => proxy.close());
  return { server, proxy };
}

async function serverUsers(url) {
  const view = await api(url, '/v1/groups/acme', { groupId: 'acme' });
  return view.json.totals.find((row) => row.metric === 'users')?.value ?? 0;
}

const drained = (store) => async () => (await store.getSyncStatus()).pendingCount === 0;

test('sync() delivers the records, the server acknowledges them, totals come back', async (t) => {
  const { url } = await startServer(t);
  const { store } = await device(t, url);
  for (let i = 0; i < 5; i++) await store.recordUsage({ groupId: 'acme', metric: 'users', amount: 2 });
  const round = await store.sync();
  assert.equal(round.error, null);
  assert.equal(round.accepted + round.duplicates, 5);
  const status = await store.getSyncStatus();
  assert.equal(status.pendingCount, 0);
  assert.equal(status.pendingBytes, 0);
  assert.equal(status.oldestPendingAt, null);
  assert.ok(status.lastSuccessAt >= status.lastAttemptAt);
  assert.equal(await serverUsers(url), 10);
  assert.equal((await store.getGroupQuotas({ groupId: 'acme' })).quotas.users.current, 10);
});

test('reads start no round: with nothing written, the store stays idle after a round', async (t) => {
  const { url } = await startServer(t);
  const { store } = await device(t, url);
  await store.sync();
  await new Promise((resolve) => setTimeout(resolve, 100)); // the archival runner's schedule read is due meanwhile
  const settled = await store.getSyncStatus();
  for (let i = 0; i < 20; i++) await store.getGroupQuotas({ groupId: 'acme' });
  await new Promise((resolve) => setTimeout(resolve, 100)); // 20x the debounce
  const after = await store.getSyncStatus();
  assert.equal(after.state, 'idle');
  assert.equal(after.lastAttemptAt, settled.lastAttemptAt, 'no round was started by a read');
});

test('named case: after a failed round the queue drains again without any new local write', async (t) => {
  let failures = 3;
  const { server, proxy } = await proxied(t, (req) => (req.method === 'POST' && failures-- > 0 ? 'status_500' : 'pass'));
  const { store } = await device(t, proxy.url);
  for (let i = 0; i < 4; i++) await store.recordUsage({ groupId: 'acme', metric: 'users', amount: 1 });
  // No sync() call and no write from here on: only the retry schedule.
  await eventually(drained(store), { what: 'the queue to drain' });
  assert.equal(proxy.faults.status_500, 3);
  assert.equal(await serverUsers(server.url), 4);
  assert.equal((await store.getSyncStatus()).lastError, null);
});

test('named case: records written offline go out on reconnect with no other trigger', async (t) => {
  const { server, proxy } = await proxied(t, () => 'pass');
  const environment = new EventTarget();
  // A retry an hour away: only the online event can bring the records out within the test.
  const { store } = await device(t, proxy.url, { environment, backoff: { baseMs: 3600000, maxMs: 3600000 }, random: () => 0.99 });
  proxy.down = true;
  for (let i = 0; i < 3; i++) await store.recordUsage({ groupId: 'acme', metric: 'users', amount: 1 });
  const offline = await eventually(async () => {
    const status = await store.getSyncStatus();
    return status.lastError?.kind === 'offline' && status.state === 'waiting' ? status : null;
  }, { what: 'the offline error' });
  assert.equal(offline.pendingCount, 3);
  assert.ok(offline.nextRetryAt > Date.now() + 60000);
  proxy.down = false;
  environment.dispatchEvent(new Event('online'));
  await eventually(drained(store), { what: 'the records to go out' });
  assert.equal(await serverUsers(server.url), 3);
});

test('records written offline also go out when the connection returns, on the retry schedule alone', async (t) => {
  const { server, proxy } = await proxied(t, () => 'pass');
  const { store } = await device(t, proxy.url);
  proxy.down = true;
  for (let i = 0; i < 3; i++) await store.recordUsage({ groupId: 'acme', metric: 'users', amount: 1 });
  await eventually(async () => (await store.getSyncStatus()).lastError?.kind === 'offline', { what: 'the offline error' });
  proxy.down = false;
  await eventually(drained(store), { what: 'the records to go out' });
  assert.equal(await serverUsers(server.url), 3);
});

test('a refused record is parked with its reason, never blocks the others, and can be retried or discarded', async (t) => {
  let refuseNextSingle = false;
  const { server, proxy } = await proxied(t, (req) => (refuseNextSingle && req.method === 'POST' ? ((refuseNextSingle = false), 'status_400') : 'pass'));
  const { store } = await device(t, proxy.url, { maxBatchRecords: 1 });
  // The server already holds 'taken' with other content: the device's 'taken' is an id conflict.
  const clash = { specversion: '1.0', id: 'taken', source: 'elsewhere', type: 'users', subject: 'acme', time: '2026-01-01T00:00:00.000Z',
    data: { amount: 9, kind: 'add', period: 'monthly', periodStart: 0, periodEnd: 1, bucket: 0 } };
  await api(server.url, '/v1/groups/acme/usage', { method: 'POST', groupId: 'acme', headers: { 'content-type': 'application/json' }, body: JSON.stringify([clash]) });
  await store.recordUsage({ groupId: 'acme', metric: 'users', amount: 1, recordId: 'taken' });
  await store.recordUsage({ groupId: 'acme', metric: 'users', amount: 2, recordId: 'fine' });
  await store.sync();
  let status = await store.getSyncStatus();
  assert.equal(status.pendingCount, 0);
  assert.equal(status.deadLetterCount, 1);
  assert.equal(status.lastError.kind, 'rejected');
  const [letter] = await store.listDeadLetters({});
  assert.equal(letter.recordId, 'taken');
  assert.equal(letter.code, 'id_conflict');
  assert.equal(await serverUsers(server.url), 9 + 2);
  // Parked, it still counts locally (the server does not know it); discarded, it no longer does.
  assert.equal((await store.getGroupQuotas({ groupId: 'acme' })).quotas.users.current, 11 + 1);
  assert.deepEqual(await store.discardDeadLetter({ recordIds: ['taken'] }), { discarded: 1 });
  assert.equal((await store.getGroupQuotas({ groupId: 'acme' })).quotas.users.current, 11);
  // A permanent 4xx for a one-record batch parks it; retried, it goes out.
  refuseNextSingle = true;
  await store.recordUsage({ groupId: 'acme', metric: 'users', amount: 5, recordId: 'later' });
  await store.sync();
  const [parked] = await store.listDeadLetters({});
  assert.equal(parked.recordId, 'later');
  assert.equal(parked.code, 'injected_400');
  assert.deepEqual(await store.retryDeadLetter({ recordIds: ['later'] }), { retried: 1 });
  await store.sync();
  status = await store.getSyncStatus();
  assert.equal(status.deadLetterCount, 0);
  assert.equal(await serverUsers(server.url), 16);
});

test('a 401 refreshes the token once and retries in the same round', async (t) => {
  let unauthorized = 1;
  const { server, proxy } = await proxied(t, (req) => (req.method === 'POST' && unauthorized-- > 0 ? 'status_401' : 'pass'));
  const { store, tokens } = await device(t, proxy.url);
  await store.recordUsage({ groupId: 'acme', metric: 'users', amount: 1 });
  const round = await store.sync();
  assert.equal(round.error, null);
  assert.equal(tokens(), 2);
  assert.equal(await serverUsers(server.url), 1);
});

test('batches are capped by count and bytes, oldest first', async (t) => {
  const sizes = [];
  const { server, proxy } = await proxied(t, () => 'pass');
  const { store } = await device(t, proxy.url, { maxBatchRecords: 10, debounceMs: 600000 });
  proxy.choose = (req) => {
    if (req.method === 'POST') sizes.push(Number(req.headers['content-length']));
    return 'pass';
  };
  for (let i = 0; i < 35; i++) await store.recordUsage({ groupId: 'acme', metric: 'users', amount: 1 });
  const round = await store.sync();
  assert.equal(round.batches, 4);
  assert.equal(round.sent, 35);
  const bytes = await open({ storage: 'memory', sync: { url: proxy.url, getToken: async (g) => token(g), intervalMs: 0, debounceMs: 600000, maxBatchBytes: 1024 } });
  t.after(() => bytes.close());
  await bytes.createGroup({ id: 'acme', name: 'Acme', plan: 'enterprise' });
  sizes.length = 0;
  for (let i = 0; i < 12; i++) await bytes.recordUsage({ groupId: 'acme', metric: 'users', amount: 1 });
  await bytes.sync();
  assert.ok(sizes.length >= 3 && sizes.every((size) => size <= 1024), `batch sizes ${sizes}`);
  assert.equal(await serverUsers(server.url), 47);
});

test('maxInFlight batches of a group go out before the first is answered; every record counts once', async (t) => {
  const { url } = await startServer(t);
  let inFlight = 0;
  let most = 0;
  const waiting = [];
  // Holds each POST's answer until maxInFlight are out (bounded: a client that sends one at a time
  // is let through after 3 s, and the assertion on `most` fails).
  const holding = async (input, init) => {
    if (init.method !== 'POST') return fetch(input, init);
    most = Math.max(most, ++inFlight);
    const answer = fetch(input, init);
    if (inFlight < 3) await Promise.race([new Promise((resolve) => waiting.push(resolve)), new Promise((resolve) => setTimeout(resolve, 3000))]);
    else for (const release of waiting.splice(0)) release();
    inFlight--;
    return answer;
  };
  const { store } = await device(t, url, { debounceMs: 600000, maxBatchRecords: 4, maxInFlight: 3, fetch: holding });
  for (let i = 0; i < 30; i++) await store.recordUsage({ groupId: 'acme', metric: 'users', amount: i + 1 });
  const round = await store.sync();
  assert.equal(round.error, null);
  assert.equal(round.batches, 8);
  assert.equal(round.accepted, 30);
  assert.equal(most, 3);
  assert.equal(await serverUsers(url), (30 * 31) / 2);
  assert.equal((await store.getSyncStatus()).pendingCount, 0);
  const again = await store.sync();
  assert.equal(again.sent, 0, 'nothing is sent twice');
});

test('429 is retried no sooner than its Retry-After; status events follow the round', async (t) => {
  let limited = 1;
  const { proxy } = await proxied(t, (req) => (req.method === 'POST' && limited-- > 0 ? 'status_429' : 'pass'));
  const { store } = await device(t, proxy.url, { debounceMs: 600000 });
  const states = [];
  store.onSyncStatus((status) => states.push(status.state));
  await store.recordUsage({ groupId: 'acme', metric: 'users', amount: 1 });
  const round = await store.sync();
  assert.equal(round.error.kind, 'server');
  assert.equal(round.error.status, 429);
  const status = await store.getSyncStatus();
  assert.ok(status.nextRetryAt >= status.lastAttemptAt + 1000, 'Retry-After: 1 honoured');
  const waiting = states.indexOf('waiting');
  assert.ok(waiting > 0 && states[waiting - 1] === 'syncing', `states ${states}`);
  await eventually(drained(store), { what: 'the retry' });
  assert.equal(states.at(-1), 'idle');
});

test('backoff: full jitter under a capped exponential ceiling, never below Retry-After', () => {
  const backoff = { baseMs: 100, maxMs: 1000 };
  assert.equal(retryDelay(0, backoff, null, () => 0.999), 99);
  assert.equal(retryDelay(3, backoff, null, () => 0.999), 799);
  assert.equal(retryDelay(10, backoff, null, () => 0.999), 999);
  assert.equal(retryDelay(10, backoff, null, () => 0), 0);
  assert.equal(retryDelay(0, backoff, 5000, () => 0.5), 5000);
  assert.equal(parseRetryAfter('3'), 3000);
  assert.equal(parseRetryAfter(new Date(Date.now() + 10000).toUTCString(), Date.now()) > 8000, true);
  assert.equal(parseRetryAfter('soon'), null);
});

test('bad sync options are refused before the store opens', async () => {
  await assert.rejects(open({ storage: 'memory', sync: { url: 'ftp://x', getToken: async () => 't' } }), { code: 'INVALID_ARGUMENT' });
  await assert.rejects(open({ storage: 'memory', sync: { url: 'http://127.0.0.1:1' } }), /getToken/);
  await assert.rejects(open({ storage: 'memory', sync: { url: 'http://127.0.0.1:1', getToken: async () => 't', intervall: 5 } }), /unknown sync option/);
});

// Browsers' fetch throws "Illegal invocation" when called with another object as `this`: the
// client must call the fetch it was given (or the global one) as a plain function.
test('the fetch function is called with no receiver, as browsers require of theirs', async (t) => {
  const { url } = await startServer(t);
  const receivers = [];
  const strictFetch = function (input, init) {
    receivers.push(this);
    if (this !== undefined && this !== globalThis) throw new TypeError("Failed to execute 'fetch': Illegal invocation");
    return fetch(input, init);
  };
  const { store } = await device(t, url, { fetch: strictFetch });
  await store.recordUsage({ groupId: 'acme', metric: 'users', amount: 3 });
  const round = await store.sync();
  assert.equal(round.error, null);
  assert.ok(receivers.length > 0);
  assert.equal(await serverUsers(url), 3);
});
