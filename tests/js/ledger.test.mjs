// Usage ledger integrity and import details through the package: bounded amounts, record ids
// per group with IDEMPOTENCY_CONFLICT, partial mode across chunks (arrays refused whole,
// streams saying what they kept), and imports from Node file streams, with bytesTotal, a
// `type` column, and store-rule errors with their line. Regressions are named after what broke.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { ErrorCode, QuotaExceededError, ValidationError, open } from '../../js/index.node.js';
import { tempDir } from './helpers.mjs';

const MAX = Number.MAX_SAFE_INTEGER;

async function fresh(plan = 'enterprise') {
  const store = await open({ name: 'ledger', storage: 'memory' });
  const { id: groupId } = await store.createGroup({ name: 'Acme', plan });
  return { store, groupId };
}

function names(count, from = 0) {
  return Array.from({ length: count }, (_, i) => `d${from + i}`).join('\n') + '\n';
}

test('recording 2^62 twice made users.current negative and let a Starter group add users', async () => {
  const { store, groupId } = await fresh('starter');
  for (let i = 0; i < 2; i++) {
    await assert.rejects(store.recordUsage({ groupId, metric: 'users', amount: 2 ** 62 }), (error) => {
      assert.ok(error instanceof ValidationError);
      assert.deepEqual([error.details.field, error.details.rule], ['amount', 'max_quantity']);
      return true;
    });
  }
  await assert.rejects(store.setServerTotals({ groupId, totals: { users: 2 ** 63 - 2 ** 11 } }), (e) => e.details.field === 'totals.users');
  await store.recordUsage({ groupId, metric: 'users', amount: MAX });
  await assert.rejects(store.recordUsage({ groupId, metric: 'users', amount: 1 }), (e) => e.details.rule === 'max_total');
  await assert.rejects(store.setServerTotals({ groupId, totals: { users: 10 } }), (e) => e.details.rule === 'max_total');
  const { users } = (await store.getGroupQuotas({ groupId })).quotas;
  assert.equal(users.current, MAX);
  assert.equal(users.status, 'exceeded');
  await assert.rejects(store.enforceQuota({ groupId, metric: 'users', requestedAmount: 1 }), QuotaExceededError);
  await assert.rejects(store.checkCanCreateEntities({ groupId, count: 2 ** 62 }), (e) => e.details.field === 'count');
  await store.close();
});

test('a recordId was de-duplicated across groups, and a replay with other content was dropped silently', async () => {
  const { store, groupId } = await fresh('pro');
  const { id: other } = await store.createGroup({ name: 'Other', plan: 'pro' });
  const record = { metric: 'api_calls_per_month', amount: 5, recordId: 'req-1' };
  assert.equal((await store.recordUsage({ groupId, ...record })).recorded, true);
  assert.equal((await store.recordUsage({ groupId: other, ...record })).recorded, true, 'another group, another record');
  assert.equal((await store.recordUsage({ groupId, ...record })).duplicate, true);
  await assert.rejects(store.recordUsage({ groupId, ...record, amount: 6 }), (error) => {
    assert.ok(error instanceof ValidationError);
    assert.equal(error.code, ErrorCode.IDEMPOTENCY_CONFLICT);
    assert.deepEqual(error.details.conflicts, ['amount']);
    assert.equal(error.details.recorded.amount, 5);
    return true;
  });
  await assert.rejects(store.enforceQuota({ groupId, metric: 'users', requestedAmount: 5, recordId: 'req-1' }), (e) => e.code === ErrorCode.IDEMPOTENCY_CONFLICT);
  const quotas = async (g) => (await store.getGroupQuotas({ groupId: g })).quotas;
  assert.equal((await quotas(groupId)).api_calls_per_month.current, 5);
  assert.equal((await quotas(groupId)).users.current, 0);
  assert.equal((await quotas(other)).api_calls_per_month.current, 5);
  await store.close();
});

test('a partial chunked array over the quota committed its first chunks and then rejected', async () => {
  const { store, groupId } = await fresh('starter'); // 100 entities
  const things = Array.from({ length: 150 }, (_, i) => ({ type: 'doc', name: `d${i}` }));
  await assert.rejects(store.batchInsertThings({ groupId, things, mode: 'partial', chunkSize: 40 }), QuotaExceededError);
  assert.equal(await store.countThings({ groupId }), 0, 'refused whole, as one call of the same array is');
  await assert.rejects(store.batchInsertThings({ groupId, things, mode: 'partial' }), QuotaExceededError);
  const fits = await store.batchInsertThings({ groupId, things: things.slice(0, 100), mode: 'partial', chunkSize: 40 });
  assert.equal(fits.created.length, 100);
  await store.close();
});

test('a partial stream import rejected at its end without saying what was kept', async () => {
  const { store, groupId } = await fresh();
  const file = Readable.from([new TextEncoder().encode('name\n' + names(3000)), new TextEncoder().encode('"never closed\n')]);
  await assert.rejects(store.importFile({ groupId, file, format: 'csv', type: 'doc', mode: 'partial' }), (error) => {
    assert.ok(error instanceof ValidationError);
    assert.equal(error.details.rule, 'unterminated_quote');
    assert.equal(error.details.result.created.length, 3000);
    assert.deepEqual(error.details.result.summary, { total: 3000, success: 3000, failed: 0 });
    return true;
  });
  assert.equal(await store.countThings({ groupId }), 3000);
  await store.close();
});

test('a partial stream import over the quota rejected mid-file without saying what was kept', async () => {
  const { store, groupId } = await fresh('starter');
  const file = Readable.from(['name\n' + names(60), names(30, 60), names(30, 90)]);
  await assert.rejects(store.importFile({ groupId, file, format: 'csv', type: 'doc', mode: 'partial' }), (error) => {
    assert.ok(error instanceof QuotaExceededError);
    assert.equal(error.details.result.created.length, 90);
    return true;
  });
  assert.equal(await store.countThings({ groupId }), 90);
  await store.close();
});

test('a Node file stream needed an explicit format and reported no bytesTotal', async (t) => {
  const dir = tempDir(t);
  const csv = 'name,price\n' + Array.from({ length: 2000 }, (_, i) => `item ${i},${i}`).join('\n') + '\n';
  const file = path.join(dir, 'items.csv');
  fs.writeFileSync(file, csv);
  const bytes = new TextEncoder().encode(csv);
  const sources = {
    nodeStream: () => fs.createReadStream(file, { highWaterMark: 4096 }),
    string: () => csv,
    bytes: () => bytes,
    buffer: () => fs.readFileSync(file),
    dataView: () => new DataView(bytes.buffer),
  };
  for (const [kind, make] of Object.entries(sources)) {
    const source = make();
    const { store, groupId } = await fresh();
    const seen = [];
    const result = await store.importFile({
      groupId,
      file: source,
      format: kind === 'nodeStream' ? undefined : 'csv',
      type: 'item',
      chunkSize: 4096,
      onProgress: (p) => seen.push(p.bytesTotal),
    });
    assert.equal(result.created.length, 2000, kind);
    assert.ok(seen.length > 0 && seen.every((total) => total === bytes.length), `${kind}: bytesTotal ${seen[0]}`);
    await store.close();
  }
  const { store, groupId } = await fresh();
  const ranged = [];
  await store.importFile({ groupId, file: fs.createReadStream(file, { start: 0, end: 99 }), type: 'item', mode: 'partial', onProgress: (p) => ranged.push(p.bytesTotal) });
  assert.equal(ranged.at(-1), 100, 'a stream with start/end counts only its range');
  await store.close();
});

test("an import without a type option ignored the rows' type column", async () => {
  const { store, groupId } = await fresh();
  const csv = await store.importFile({ groupId, file: 'name,type,level\nIntro,course,1\nQuiz,lesson,2\n', format: 'csv' });
  const types = await Promise.all(csv.created.map(async (thingId) => (await store.getThing({ thingId })).type));
  assert.deepEqual(types, ['course', 'lesson']);
  assert.deepEqual((await store.getThing({ thingId: csv.created[1] })).properties, { level: '2' });
  const ndjson = await store.importFile({ groupId, file: '{"name":"A","type":"video","len":3}\n{"name":"B"}\n', format: 'ndjson', mode: 'partial' });
  assert.equal((await store.getThing({ thingId: ndjson.created[0] })).type, 'video');
  assert.deepEqual([ndjson.errors[0].line, ndjson.errors[0].field], [2, 'type']);
  await assert.rejects(store.importFile({ groupId, file: 'name\nx\n', format: 'csv' }), (e) => e.details.field === 'type' && e.details.rule === 'required');
  await store.close();
});

test('min errors from setValidationRules in a CSV import had no line', async () => {
  const { store, groupId } = await fresh();
  await store.setValidationRules({ rules: { schemas: { course: { price: { type: 'number', min: 0 } } } } });
  const result = await store.importFile({
    groupId,
    file: 'title,price\nGood,10\n"Two\nlines",-1\nAlso bad,-2\n',
    format: 'csv',
    type: 'course',
    mode: 'partial',
    mapping: { name: 'title', properties: { price: { column: 'price', as: 'number' } } },
  });
  assert.equal(result.created.length, 1);
  assert.deepEqual(result.errors.map((e) => [e.index, e.line, e.field]), [
    [1, 3, 'properties.price'],
    [2, 5, 'properties.price'],
  ]);
  await store.close();
});
