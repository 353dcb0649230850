// Archive chunk upload (js/sync/archives.js) against the real reference server on loopback,
// through the fault proxy where a case needs faults. The engine is a fake here (a unit test of
// the client's step): an in-memory `archives` table answering the archival module's operations
// as ARCHIVE_OPERATIONS names them, and no usage records.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import { ARCHIVE_OPERATIONS as OPS, chunkBytes } from '../../js/sync/archives.js';
import { SyncClient } from '../../js/sync/client.js';
import { normalizeSyncOptions } from '../../js/sync/options.js';
import { eventually, startServer, token } from './helpers.mjs';
import { FaultProxy } from './proxy.mjs';

/** A fake engine: the archive rows, and the sync steps a round calls, answering "nothing". */
function fakeEngine({ withArchival = true } = {}) {
  const rows = [];
  const engine = {
    rows,
    add(groupId, lines, overrides = {}) {
      const body = gzipSync(Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n') + '\n'));
      const row = { id: rows.length + 1, groupId, fromTs: 1000 + rows.length, toTs: 2000 + rows.length, eventCount: lines.length,
        byteSize: body.length, sha256: createHash('sha256').update(body).digest('hex'), state: 'pending', body, ...overrides };
      rows.push(row);
      return row;
    },
    async call(op, args) {
      if (op === 'syncReadOutbox') return { groupId: null, events: [], bytes: 2 };
      if (op === 'syncGroups') return [];
      if (op === 'syncStatus') return { pendingCount: 0, pendingBytes: 0, oldestPendingAt: null, deadLetterCount: 0 };
      if (!withArchival) throw Object.assign(new Error(`unknown operation '${op}'`), { code: 'UNKNOWN_OPERATION' });
      if (op === OPS.status) {
        const count = (state) => rows.filter((r) => r.state === state).length;
        return { groups: [{ groupId: 'all', chunks: { pending: count('pending'), uploaded: count('uploaded') } }] };
      }
      if (op === OPS.list) { // as the archival module answers: a keyset page, at most `limit` (default 100)
        const page = rows.filter((r) => r.state === 'pending' && r.id > (args.afterId ?? 0)).slice(0, args.limit ?? 100);
        return { chunks: page.map(({ body, state, id, ...meta }) => ({ chunkId: id, ...meta })) };
      }
      if (op === OPS.read) return { body: rows.find((r) => r.id === args.id).body.toString('base64') };
      if (op === OPS.mark) {
        const row = rows.find((r) => r.id === args.id && r.sha256 === args.sha256);
        assert.ok(row, `mark names an existing chunk (${args.id})`);
        row.state = 'uploaded';
        return { id: row.id, state: row.state };
      }
      throw new Error(`unexpected op ${op}`);
    },
  };
  return engine;
}

function client(t, engine, url, extra = {}) {
  const options = normalizeSyncOptions({ url, getToken: async (g) => token(g), intervalMs: 0, debounceMs: 5, backoff: { baseMs: 10, maxMs: 40 }, ...extra });
  const sync = new SyncClient({ call: (op, args) => engine.call(op, args), options });
  t.after(() => sync.stop());
  return sync;
}

function serverChunk(dir, groupId, sha256) {
  const file = path.join(dir, 'archives', encodeURIComponent(groupId), sha256);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}

test('pending chunks go up oldest first, byte-identical, and are marked uploaded', async (t) => {
  const { url, dir } = await startServer(t);
  const engine = fakeEngine();
  const rows = [0, 1, 2].map((i) => engine.add(i === 2 ? 'beta' : 'acme', [{ type: 'view', ts: i }]));
  const sync = client(t, engine, url);
  const round = await sync.sync();
  assert.equal(round.error, null);
  assert.equal(round.chunksSent, 3);
  assert.equal(round.chunksStored, 3);
  for (const row of rows) {
    assert.equal(row.state, 'uploaded');
    assert.deepEqual(serverChunk(dir, row.groupId, row.sha256), row.body);
  }
  const status = await sync.getStatus();
  assert.equal(status.chunksPending, 0);
  assert.equal(status.chunksUploaded, 3);
  assert.equal(status.chunksParked, 0);
  assert.equal((await sync.sync()).chunksSent, 0, 'nothing is sent twice');
});

test('a chunk the server already holds counts as delivered (duplicate)', async (t) => {
  const { url } = await startServer(t);
  const engine = fakeEngine();
  const row = engine.add('acme', [{ type: 'view', ts: 1 }]);
  await client(t, engine, url).sync();
  row.state = 'pending'; // as if the mark was lost with a killed process
  const round = await client(t, engine, url).sync();
  assert.equal(round.chunksDuplicate, 1);
  assert.equal(round.chunksStored, 0);
  assert.equal(row.state, 'uploaded');
});

test('permanent refusals park a chunk with the reason; the chunks behind it still go', async (t) => {
  const { url, dir } = await startServer(t);
  const refused = new Set();
  const proxy = await new FaultProxy({ targets: [url], choose: () => 'pass' }).start();
  t.after(() => proxy.close());
  const engine = fakeEngine();
  const corrupt = engine.add('acme', [{ type: 'view', ts: 1 }]);
  corrupt.body = gzipSync(Buffer.from('{"changed":true}\n')); // no longer hashes to its name
  const conflicting = engine.add('acme', [{ type: 'view', ts: 2 }]);
  const good = engine.add('acme', [{ type: 'view', ts: 3 }]);
  refused.add(conflicting.sha256);
  const fetch409 = async (input, init) => (refused.has(String(input).split('/').pop()) && init.method === 'PUT'
    ? new Response(JSON.stringify({ error: { code: 'hash_conflict', message: 'held with other bytes' } }), { status: 409 })
    : globalThis.fetch(input, init));
  const sync = client(t, engine, proxy.url, { fetch: fetch409 });
  const round = await sync.sync();
  assert.equal(round.chunksParked, 2);
  assert.equal(round.chunksStored, 1);
  assert.equal(round.error.kind, 'rejected');
  assert.equal(good.state, 'uploaded');
  assert.deepEqual(serverChunk(dir, 'acme', good.sha256), good.body);
  assert.equal(corrupt.state, 'pending');
  assert.equal(conflicting.state, 'pending');
  assert.equal(serverChunk(dir, 'acme', corrupt.sha256), null, 'a chunk that does not match its hash is never sent');
  const status = await sync.getStatus();
  assert.equal(status.chunksParked, 2);
  assert.equal(status.chunksPending, 0, 'parked chunks are not counted as pending');
  const reasons = Object.fromEntries(status.parkedChunks.map((p) => [p.sha256, p]));
  assert.equal(reasons[corrupt.sha256].code, 'local_hash_mismatch');
  assert.equal(reasons[conflicting.sha256].code, 'hash_conflict');
  assert.match(reasons[conflicting.sha256].reason, /HTTP 409/);
  assert.notEqual(status.state, 'waiting', 'a parked chunk is not a failed round');
  assert.equal((await sync.sync()).chunksSent, 0, 'parked chunks are not offered again');
});

test('a parked head longer than a page of the pending list never blocks the chunks behind it', async (t) => {
  const { url, dir } = await startServer(t);
  const engine = fakeEngine();
  const corrupt = Array.from({ length: 130 }, (_, i) => engine.add('acme', [{ type: 'view', ts: i }]));
  for (const row of corrupt) row.body = gzipSync(Buffer.from('{"changed":true}\n')); // parked without a request
  const good = engine.add('acme', [{ type: 'view', ts: 999 }]);
  const sync = client(t, engine, url);
  const first = await sync.sync();
  assert.equal(first.chunksParked, 130);
  assert.equal(good.state, 'uploaded', 'the chunk after 130 parked ones still goes up');
  assert.deepEqual(serverChunk(dir, 'acme', good.sha256), good.body);
  const later = engine.add('acme', [{ type: 'view', ts: 1000 }]);
  const second = await sync.sync();
  assert.equal(second.chunksStored, 1, 'a later round reads past the parked head too');
  assert.equal(later.state, 'uploaded');
});

test('5xx, 429 and network errors retry with backoff until the chunk is delivered', async (t) => {
  const { url, dir } = await startServer(t);
  const faults = ['status_500', 'status_429', 'reset', 'drop_response'];
  const proxy = await new FaultProxy({ targets: [url], choose: (req) => (req.method === 'PUT' && faults.length ? faults.shift() : 'pass') }).start();
  t.after(() => proxy.close());
  const engine = fakeEngine();
  const rows = [engine.add('acme', [{ a: 1 }]), engine.add('acme', [{ a: 2 }])];
  const sync = client(t, engine, proxy.url);
  const first = await sync.sync();
  assert.equal(first.error.kind, 'server');
  assert.equal(rows[0].state, 'pending');
  // No further call: the retry schedule drains it.
  await eventually(async () => rows.every((r) => r.state === 'uploaded'), { what: 'the chunks to be uploaded' });
  for (const row of rows) assert.deepEqual(serverChunk(dir, 'acme', row.sha256), row.body);
  assert.equal(proxy.faults.status_500 + proxy.faults.status_429 + proxy.faults.reset + proxy.faults.drop_response, 4);
  assert.ok(proxy.chunks.duplicate >= 1, 'the chunk whose answer was dropped came back as a duplicate');
});

test('an engine without the archival operations syncs records as before', async (t) => {
  const { url } = await startServer(t);
  const sync = client(t, fakeEngine({ withArchival: false }), url);
  const round = await sync.sync();
  assert.equal(round.error, null);
  assert.equal(round.chunksSent, 0);
  assert.equal((await sync.getStatus()).chunksPending, 0);
});

test('chunkBytes reads every form a chunk read can take', () => {
  const bytes = new Uint8Array([31, 139, 8]);
  assert.deepEqual(chunkBytes(bytes), bytes);
  assert.deepEqual(chunkBytes(bytes.buffer), bytes);
  assert.deepEqual(chunkBytes({ body: Buffer.from(bytes).toString('base64') }), bytes);
  assert.throws(() => chunkBytes({}), /no bytes/);
});
