// Security of the reference server: every request is authenticated for one group, bodies are
// size-limited and validated, chunks must hash to their names, tokens are rate-limited; each
// refusal has its status and stores nothing.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import test from 'node:test';
import { issueToken, verifyToken } from 'edgetally/server';
import { SECRET, api, startServer, token } from './helpers.mjs';

const BATCH = { 'content-type': 'application/cloudevents-batch+json' };

function event(id, overrides = {}, data = {}) {
  return {
    specversion: '1.0', id, source: 'device-1', type: 'users', subject: 'acme', time: '2026-12-01T09:00:00.000Z',
    data: { amount: 1, kind: 'add', period: 'monthly', periodStart: 0, periodEnd: 1, bucket: 0, ...data }, ...overrides,
  };
}

async function totals(url, groupId = 'acme') {
  const view = await api(url, `/v1/groups/${groupId}`, { groupId });
  assert.equal(view.status, 200);
  return view.json.totals;
}

function post(url, body, options = {}) {
  return api(url, `/v1/groups/${options.group ?? 'acme'}/usage`, { method: 'POST', groupId: 'acme', headers: BATCH, body, ...options });
}

test('wrong, expired, missing and other-group tokens are refused and store nothing', async (t) => {
  const { url } = await startServer(t);
  const body = JSON.stringify([event('u1')]);
  const forged = issueToken({ secret: 'another-secret-0123456789', groupId: 'acme', expiresInSeconds: 60 });
  const expired = issueToken({ secret: SECRET, groupId: 'acme', expiresInSeconds: 60, now: Date.now() - 3600000 });
  const [head, payload] = token('acme').split('.');
  const otherPayload = token('other').split('.')[1];
  const cases = [
    { bearer: '', status: 401, code: 'missing_token' },
    { bearer: 'not-a-token', status: 401, code: 'invalid_token' },
    { bearer: forged, status: 401, code: 'invalid_token' },
    { bearer: `${head}.${otherPayload}.${token('acme').split('.')[2]}`, status: 401, code: 'invalid_token' },
    { bearer: expired, status: 401, code: 'token_expired' },
    { bearer: token('other'), status: 403, code: 'wrong_group' },
  ];
  for (const c of cases) {
    const reply = await api(url, '/v1/groups/acme/usage', { method: 'POST', headers: BATCH, body, bearer: c.bearer || undefined });
    assert.equal(reply.status, c.status, c.code);
    assert.equal(reply.json.error.code, c.code);
  }
  assert.equal(verifyToken({ secret: SECRET, token: `${head}.${payload}.x` }).ok, false);
  // A token for one group can read neither the other's totals nor its chunks.
  assert.equal((await api(url, '/v1/groups/acme', { bearer: token('other') })).status, 403);
  assert.equal((await api(url, `/v1/groups/acme/archives/${'0'.repeat(64)}`, { bearer: token('other') })).status, 403);
  assert.deepEqual(await totals(url), []);
});

test('oversized bodies, too many records, malformed JSON and wrong types are refused whole', async (t) => {
  const { url } = await startServer(t, { server: { maxBodyBytes: 4096, maxBatchRecords: 5, rateLimit: false } });
  const big = JSON.stringify(Array.from({ length: 30 }, (_, i) => event(`big-${i}`)));
  const cases = [
    { body: big, status: 413, code: 'body_too_large' },
    { body: JSON.stringify(Array.from({ length: 6 }, (_, i) => event(`many-${i}`))), status: 413, code: 'too_many_records' },
    { body: '[{"specversion": "1.0", ', status: 400, code: 'malformed_json' },
    { body: JSON.stringify({ events: [event('obj')] }), status: 400, code: 'invalid_batch' },
    { body: '[]', status: 400, code: 'invalid_batch' },
    { body: JSON.stringify([event('type')]), headers: { 'content-type': 'text/plain' }, status: 415, code: 'unsupported_media_type' },
  ];
  for (const c of cases) {
    const reply = await post(url, c.body, c.headers ? { headers: c.headers } : {});
    assert.equal(reply.status, c.status, c.code);
    assert.equal(reply.json.error.code, c.code);
  }
  assert.deepEqual(await totals(url), []);
});

test('every record is validated: bad ones are rejected with the field, good ones kept', async (t) => {
  const { url } = await startServer(t);
  const bad = [
    [event('b1', { specversion: '0.3' }), 'specversion'],
    [event('bad id!'), 'id'],
    [event('b3', { type: 'events_retention_days' }), 'type'],
    [event('b4', { subject: 'other' }), 'subject', 'wrong_group'],
    [event('b5', { time: 'yesterday' }), 'time'],
    [event('b6', { extra: true }), 'extra'],
    [event('b7', {}, { amount: 1.5 }), 'data.amount'],
    [event('b8', {}, { amount: -1 }), 'data.amount'],
    [event('b9', {}, { kind: 'spend' }), 'data.kind'],
    [event('b10', {}, { period: 'weekly' }), 'data.period'],
    [event('b11', {}, { periodEnd: -1 }), 'data.periodEnd'],
    [event('b12', {}, { surprise: 1 }), 'data.surprise'],
    [event('b13', { data: 'x' }), 'data'],
  ];
  const reply = await post(url, JSON.stringify([...bad.map(([e]) => e), event('good', {}, { amount: 3 })]));
  assert.equal(reply.status, 200);
  bad.forEach(([, field, code = 'invalid_record'], i) => {
    assert.equal(reply.json.results[i].status, 'rejected', field);
    assert.equal(reply.json.results[i].reason.field, field);
    assert.equal(reply.json.results[i].reason.code, code);
  });
  assert.deepEqual(reply.json.results.at(-1), { id: 'good', status: 'accepted' });
  assert.deepEqual(await totals(url), [{ metric: 'users', bucket: 0, value: 3 }]);
  // The same id again: a duplicate; with other content: an id conflict. Neither counts.
  const again = await post(url, JSON.stringify([event('good', {}, { amount: 3 }), event('good', {}, { amount: 4 })]));
  assert.deepEqual(again.json.results.map((r) => r.status), ['duplicate', 'rejected']);
  assert.equal(again.json.results[1].reason.code, 'id_conflict');
  assert.deepEqual(await totals(url), [{ metric: 'users', bucket: 0, value: 3 }]);
});

test('an archive chunk whose body does not hash to its name is refused and not stored', async (t) => {
  const { url } = await startServer(t);
  const body = Buffer.from('{"id":1}\n');
  const sha = createHash('sha256').update(body).digest('hex');
  const wrong = createHash('sha256').update('something else').digest('hex');
  const put = (name, bytes) => api(url, `/v1/groups/acme/archives/${name}`, { method: 'PUT', groupId: 'acme', body: bytes });
  const mismatch = await put(wrong, body);
  assert.equal(mismatch.status, 422);
  assert.equal(mismatch.json.error.code, 'hash_mismatch');
  assert.equal((await api(url, `/v1/groups/acme/archives/${wrong}`, { groupId: 'acme' })).status, 404);
  assert.equal((await put('ABC', body)).status, 400);
  assert.equal((await put(sha, body)).status, 201);
  assert.equal((await put(sha, body)).json.status, 'duplicate');
  const got = await fetch(`${url}/v1/groups/acme/archives/${sha}`, { headers: { authorization: `Bearer ${token('acme')}` } });
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(body));
  // Another group holds nothing under that hash.
  assert.equal((await api(url, `/v1/groups/other/archives/${sha}`, { groupId: 'other' })).status, 404);
});

test('each token is rate-limited with 429 and Retry-After', async (t) => {
  const { url } = await startServer(t, { server: { rateLimit: { perSecond: 0.5, burst: 2 } } });
  const statuses = [];
  let retryAfter = null;
  const bearer = token('acme');
  for (let i = 0; i < 3; i++) {
    const reply = await api(url, '/v1/groups/acme', { bearer });
    statuses.push(reply.status);
    if (reply.status === 429) retryAfter = Number(reply.headers.get('retry-after'));
  }
  assert.deepEqual(statuses, [200, 200, 429]);
  assert.ok(retryAfter >= 1);
  // Another token has its own bucket.
  assert.equal((await api(url, '/v1/groups/acme', { bearer: token('acme') })).status, 200);
});

test('only an admin token sets a plan; the GET returns it', async (t) => {
  const { url } = await startServer(t);
  const body = JSON.stringify({ plan: 'pro', overrides: { users: 60 } });
  const asDevice = await api(url, '/v1/groups/acme/plan', { method: 'PUT', groupId: 'acme', body });
  assert.equal(asDevice.status, 403);
  assert.equal(asDevice.json.error.code, 'insufficient_scope');
  const admin = token('acme', { scope: 'admin' });
  assert.equal((await api(url, '/v1/groups/acme/plan', { method: 'PUT', bearer: admin, body: '{"plan": 3}' })).status, 400);
  assert.equal((await api(url, '/v1/groups/acme/plan', { method: 'PUT', bearer: admin, body })).status, 200);
  const view = await api(url, '/v1/groups/acme', { groupId: 'acme' });
  assert.deepEqual(view.json.plan, { plan: 'pro', overrides: { users: 60 } });
  assert.equal((await api(url, '/v1/groups/acme/usage', { groupId: 'acme' })).status, 405);
  assert.equal((await api(url, '/v1/nothing')).status, 404);
});
