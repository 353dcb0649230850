// Batch operations through the package: modes, validation rules, connections, updates with
// change tracking.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCode, ValidationError, open } from '../../js/index.node.js';

async function fresh() {
  const store = await open({ name: 'batch', storage: 'memory' });
  const { id: groupId } = await store.createGroup({ name: 'Acme', plan: 'pro' });
  return { store, groupId };
}

const courses = (n) => Array.from({ length: n }, (_, i) => ({ type: 'course', name: `C${i}`, properties: { price: i } }));

test('partial mode lands the valid rows; atomic mode none', async () => {
  const { store, groupId } = await fresh();
  const things = courses(6);
  things[1].name = '';
  things[4] = { type: 'course', name: 'x', colour: 'red' };
  const atomic = await store.batchInsertThings({ groupId, things });
  assert.deepEqual([atomic.created.length, atomic.failed], [0, 2]);
  const partial = await store.batchInsertThings({ groupId, things, mode: 'partial' });
  assert.equal(partial.created.length, 4);
  assert.deepEqual(partial.errors.map((e) => [e.index, e.field, e.code]), [
    [1, 'name', 'required'],
    [4, 'colour', 'unknown_field'],
  ]);
  assert.deepEqual(partial.summary, { total: 6, success: 4, failed: 2 });
  assert.equal(await store.countThings({ groupId }), 4);
  await store.close();
});

test('validation rules: allowed types and schemas, skipValidation', async () => {
  const { store, groupId } = await fresh();
  await store.setValidationRules({
    rules: { allowedTypes: ['course'], schemas: { course: { price: { type: 'number', min: 0, required: true } } } },
  });
  const result = await store.batchInsertThings({
    groupId,
    things: [
      { type: 'course', name: 'ok', properties: { price: 1 } },
      { type: 'course', name: 'neg', properties: { price: -5 } },
      { type: 'ebook', name: 'nope', properties: { price: 1 } },
    ],
    mode: 'partial',
  });
  assert.deepEqual(result.errors.map((e) => `${e.index}:${e.field}:${e.code}`), [
    '1:properties.price:min',
    '2:type:allowed_type',
  ]);
  const trusted = await store.batchInsertThings({ groupId, things: [{ type: 'ebook', name: 'x' }], skipValidation: true });
  assert.equal(trusted.created.length, 1);
  assert.deepEqual((await store.getValidationRules()).allowedTypes, ['course']);
  await assert.rejects(store.setValidationRules({ rules: { allowedTypes: 'course' } }), ValidationError);
  await store.close();
});

test('connections and updates', async () => {
  const { store, groupId } = await fresh();
  const { created: ids } = await store.batchInsertThings({ groupId, things: courses(3) });
  const links = await store.batchCreateConnections({
    groupId,
    connections: [
      { fromId: ids[0], toId: ids[1], type: 'prerequisite' },
      { fromId: ids[0], toId: ids[1], type: 'prerequisite' },
    ],
  });
  assert.deepEqual([links.created.length, links.errors[0]?.code], [0, 'duplicate']);
  const ok = await store.batchCreateConnections({ groupId, connections: [{ fromId: ids[0], toId: ids[2], type: 'next' }] });
  assert.equal(ok.created.length, 1);
  const updated = await store.batchUpdateThings({
    groupId,
    updates: [
      { id: ids[0], properties: { price: 99 } },
      { id: ids[1], name: 'C1' },
    ],
  });
  assert.deepEqual([updated.updated, updated.unchanged], [[ids[0]], [ids[1]]]);
  assert.equal((await store.getThing({ thingId: ids[0] })).properties.price, 99);
  await assert.rejects(store.batchUpdateThings({ groupId, updates: 'all' }), (e) => e.code === ErrorCode.INVALID_ARGUMENT);
  await store.close();
});
