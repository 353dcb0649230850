// The reference server's own behaviour: migrations applied once per database, the CLI (serve with
// flags and environment, token), archive chunks stored durably under group and hash, and resets
// counted by time (the total of a bucket is the sum since its latest reset, in any arrival order),
// and replies that list only the exceptions when asked to.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { createSyncServer, verifyToken } from 'edgetally/server';
import { SECRET, api, cli, startServer, tempDir } from './helpers.mjs';

function event(id, { amount = 1, kind = 'add', time = '2026-12-01T00:00:10.000Z', bucket = 7 } = {}) {
  return { specversion: '1.0', id, source: 'd', type: 'api_calls_per_month', subject: 'acme', time,
    data: { amount, kind, period: 'monthly', periodStart: 0, periodEnd: 1, bucket } };
}

test('migrations run once per database, whatever the number of opens', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 's.sqlite3');
  for (let i = 0; i < 2; i++) {
    const server = await createSyncServer({ secret: SECRET, database: file, archives: dir });
    await server.close();
  }
  const db = new Database(file, { readonly: true });
  t.after(() => db.close());
  assert.deepEqual(db.prepare('SELECT version FROM edgetally_schema').all(), [{ version: 1 }]);
});

test('a counter bucket totals its records since the latest reset, in any arrival order', async (t) => {
  const { url } = await startServer(t);
  const post = (events) => api(url, '/v1/groups/acme/usage', { method: 'POST', groupId: 'acme', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
  await post([event('a', { amount: 5 }), event('late', { amount: 2, time: '2026-12-01T00:00:30.000Z' })]);
  const reset = await post([event('r', { amount: 0, kind: 'reset', time: '2026-12-01T00:00:20.000Z' })]);
  assert.deepEqual(reset.json.totals.filter((row) => row.bucket === 7), [{ metric: 'api_calls_per_month', bucket: 7, value: 2 }]);
  const more = await post([event('old', { amount: 9, time: '2026-12-01T00:00:15.000Z' }), event('new', { amount: 3, time: '2026-12-01T00:00:25.000Z' })]);
  assert.deepEqual(more.json.totals.filter((row) => row.bucket === 7), [{ metric: 'api_calls_per_month', bucket: 7, value: 5 }]);
});

test('X-Edgetally-Results: exceptions lists only the records not accepted; the counts cover the batch', async (t) => {
  const { url } = await startServer(t);
  const post = (events, headers = {}) => api(url, '/v1/groups/acme/usage', { method: 'POST', groupId: 'acme',
    headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(events) });
  const exceptions = { 'x-edgetally-results': 'exceptions' };
  const first = await post([event('a'), event('b'), { ...event('bad'), type: 'nope' }], exceptions);
  assert.equal(first.status, 200);
  assert.equal(first.json.resultsListed, 'exceptions');
  assert.deepEqual(first.json.results.map((r) => [r.id, r.status]), [['bad', 'rejected']]);
  assert.deepEqual([first.json.accepted, first.json.duplicates, first.json.rejected], [2, 0, 1]);
  const again = await post([event('a'), event('c')], exceptions);
  assert.deepEqual(again.json.results, [{ id: 'a', status: 'duplicate' }]);
  assert.deepEqual([again.json.accepted, again.json.duplicates, again.json.rejected], [1, 1, 0]);
  const plain = await post([event('c'), event('d')]);
  assert.equal(plain.json.resultsListed, undefined);
  assert.deepEqual(plain.json.results, [{ id: 'c', status: 'duplicate' }, { id: 'd', status: 'accepted' }]);
  assert.deepEqual([plain.json.accepted, plain.json.duplicates, plain.json.rejected], [1, 1, 0]);
  assert.deepEqual(plain.json.totals.filter((row) => row.bucket === 7), [{ metric: 'api_calls_per_month', bucket: 7, value: 4 }]);
});

test('the CLI serves with flags and environment, and issues tokens with the same secret', async (t) => {
  const dir = tempDir(t);
  const env = { ...process.env, EDGETALLY_SECRET: SECRET, EDGETALLY_DATABASE: path.join(dir, 'cli.sqlite3') };
  const printed = execFileSync(process.execPath, [cli, 'token', '--group', 'acme', '--expires', '120', '--scope', 'admin'], { env }).toString().trim();
  const verdict = verifyToken({ secret: SECRET, token: printed });
  assert.equal(verdict.ok, true);
  assert.equal(verdict.claims.scope, 'admin');
  const child = spawn(process.execPath, [cli, '--port', '0', '--archives', path.join(dir, 'a'), '--rate-limit', '100:200'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => child.kill('SIGKILL'));
  const url = await new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]);
    });
  });
  assert.equal((await api(url, '/v1/health')).json.ok, true);
  assert.equal((await api(url, '/v1/groups/acme', { bearer: printed })).status, 200);
  const refused = spawn(process.execPath, [cli], { env: { ...process.env, EDGETALLY_SECRET: 'short' }, stdio: 'ignore' });
  const code = await new Promise((resolve) => refused.on('exit', resolve));
  assert.equal(code, 2);
});
