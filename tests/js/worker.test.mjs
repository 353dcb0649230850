// The package in Node with the engine in a worker_threads Worker (open({worker: true})): the
// same results as in-thread, imports whose chunks are views into one larger buffer (each sent
// on its own, the caller's bytes untouched), typed errors across the thread, one owner per
// store across threads, and an idle open store that does not keep the process alive.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import test from 'node:test';
import { ErrorCode, ValidationError, open } from '../../js/index.node.js';
import { tempDir } from './helpers.mjs';

const CSV = 'title,price\nFirst,1.5\nSecond,2\n,3\nFourth,n/a\nFifth,0\n';
const MAPPING = { name: 'title', properties: { price: { column: 'price', as: 'number' } } };

test('a worker store answers like an in-thread one', async () => {
  const stores = [await open({ storage: 'memory' }), await open({ storage: 'memory', worker: true })];
  const answers = [];
  for (const store of stores) {
    const { id: groupId } = await store.createGroup({ name: 'W', plan: 'pro' });
    const things = [{ type: 'course', name: 'A' }, { type: 'course', name: ' ' }];
    const { created, summary } = await store.batchInsertThings({ groupId, things, mode: 'partial' });
    answers.push({ created, summary, count: await store.countThings({ groupId }) });
    await store.close();
  }
  assert.deepEqual(answers[1], answers[0]);
  assert.deepEqual(answers[0].summary, { total: 2, success: 1, failed: 1 });
});

test('an import in chunks that are views of one buffer sends each chunk alone', async () => {
  const store = await open({ storage: 'memory', worker: true });
  const { id: groupId } = await store.createGroup({ name: 'W', plan: 'enterprise' });
  const bytes = new TextEncoder().encode(CSV);
  const before = Buffer.from(bytes);
  const result = await store.importFile({
    groupId, file: bytes, format: 'csv', type: 'course', mode: 'partial', mapping: MAPPING, chunkSize: 7,
  });
  assert.equal(result.summary.success, 3);
  assert.equal(result.summary.failed, 2);
  assert.deepEqual(result.errors.map((error) => error.line), [4, 5]);
  assert.equal(bytes.byteLength, CSV.length, 'the caller keeps its buffer');
  assert.deepEqual(Buffer.from(bytes), before);
  await store.close();
});

test('typed errors cross the thread', async () => {
  const store = await open({ storage: 'memory', worker: true });
  await assert.rejects(store.createGroup({ name: '' }), (error) => error instanceof ValidationError);
  await assert.rejects(store.getGroup({ groupId: 'g_missing' }), { code: ErrorCode.NOT_FOUND });
  await store.close();
  await assert.rejects(store.info(), { code: ErrorCode.STORE_CLOSED });
});

test('one owner per store across this thread and worker threads', async (t) => {
  const dir = tempDir(t);
  const first = await open({ name: 's', path: dir, worker: true });
  await assert.rejects(open({ name: 's', path: dir }), { code: ErrorCode.STORE_LOCKED });
  await assert.rejects(open({ name: 's', path: dir, worker: true }), { code: ErrorCode.STORE_LOCKED });
  const { id: groupId } = await first.createGroup({ name: 'Kept', plan: 'pro' });
  await first.close();
  const again = await open({ name: 's', path: dir });
  assert.equal((await again.getGroup({ groupId })).name, 'Kept');
  await again.close();
});

test('worker must be a boolean', async () => {
  await assert.rejects(open({ storage: 'memory', worker: 'yes' }), { code: ErrorCode.INVALID_ARGUMENT });
});

test('an open, idle worker store does not keep the process alive', () => {
  const entry = path.resolve('js/index.node.js');
  const script = `const { open } = await import(${JSON.stringify(entry)});
    const store = await open({ storage: 'memory', worker: true });
    await store.info();
    console.log('opened');`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(child.stdout.trim(), 'opened');
  assert.equal(child.status, 0, child.stderr);
});
