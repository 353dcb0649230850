// Regressions of the argument rules (README "Argument rules"), each named after what broke: a
// misspelled field that passed silently, a number JSON cannot carry, a JS-only option that hung
// the process or was ignored, open() options.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { ErrorCode, ValidationError, StorageError, open } from '../../js/index.node.js';
import { tempDir } from './helpers.mjs';

async function fresh(plan = 'pro') {
  const store = await open({ name: 'args', storage: 'memory' });
  const { id: groupId } = await store.createGroup({ name: 'G', plan });
  return { store, groupId };
}

/** Asserts an INVALID_ARGUMENT naming `field` (and `rule`, `suggestion` when given). */
async function refused(promise, field, { rule, suggestion } = {}) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof ValidationError, `${error.name}: ${error.message}`);
    assert.equal(error.code, ErrorCode.INVALID_ARGUMENT, error.message);
    assert.equal(error.details.field, field, error.message);
    if (rule) assert.equal(error.details.rule, rule, error.message);
    if (suggestion) {
      assert.equal(error.details.suggestion, suggestion);
      assert.match(error.message, new RegExp(`did you mean '${suggestion}'\\?`));
    }
    return true;
  });
}

const rows = (n) => Array.from({ length: n }, (_, i) => ({ type: 't', name: `r${i}` }));

test("mdoe: 'partial' is refused, not run atomic", async () => {
  const { store, groupId } = await fresh();
  const things = [...rows(2), { type: 't' }];
  const hint = { rule: 'unknown_field', suggestion: 'mode' };
  await refused(store.batchInsertThings({ groupId, things, mdoe: 'partial' }), 'mdoe', hint);
  await refused(store.batchInsertThings({ groupId, things, mdoe: 'partial', onProgress() {} }), 'mdoe', hint);
  await refused(store.importFile({ groupId, file: 'name\na\n', format: 'csv', type: 't', mdoe: 'partial' }), 'mdoe', hint);
  await refused(store.batchCreateConnections({ groupId, connections: [], mdoe: 'partial' }), 'mdoe', hint);
  assert.equal(await store.countThings({ groupId }), 0);
  await store.close();
});

test('recordID is refused, not recorded without de-duplication; perod is refused, not recorded monthly', async () => {
  const { store, groupId } = await fresh();
  const usage = { groupId, metric: 'api_calls_per_month', amount: 1 };
  await refused(store.recordUsage({ ...usage, recordID: 'r1' }), 'recordID', { suggestion: 'recordId' });
  await refused(store.recordUsage({ ...usage, perod: 'daily' }), 'perod', { suggestion: 'period' });
  await refused(store.enforceQuota({ groupId, metric: 'users', requestedAmount: 1, recordID: 'x' }), 'recordID');
  assert.equal((await store.getGroupQuotas({ groupId })).quotas.api_calls_per_month.current, 0);
  await store.close();
});

test('overides, plann, allowedTyeps and unknown plan fields are refused, not ignored', async () => {
  const { store, groupId } = await fresh('starter');
  await refused(store.setGroupPlan({ groupId, plan: 'pro', overides: { users: 1 } }), 'overides', { suggestion: 'overrides' });
  await refused(store.createGroup({ name: 'x', plann: 'pro' }), 'plann', { suggestion: 'plan' });
  await refused(store.setValidationRules({ rules: { allowedTyeps: ['a'] } }), 'rules.allowedTyeps', { suggestion: 'allowedTypes' });
  const plan = { id: 'team', name: 'Team', priceCents: 1, limits: { users: 1 } };
  await refused(store.definePlans({ plans: [{ ...plan, colour: 'red' }] }), 'plans[0].colour', { rule: 'unknown_field' });
  await refused(store.createGroup({ name: 'x', plan: 'pro', billingAnchor: { day: 1, mnth: 2 } }), 'billingAnchor.mnth', {
    suggestion: 'month',
  });
  assert.equal((await store.getGroup({ groupId })).plan, 'starter');
  assert.equal((await store.getValidationRules()).allowedTypes, null);
  await store.close();
});

test('a limit of NaN or Infinity is refused before encoding, not stored as unlimited', async () => {
  const { store, groupId } = await fresh('starter');
  const finite = { rule: 'finite' };
  await refused(store.setGroupPlan({ groupId, plan: 'starter', overrides: { users: Number.NaN } }), 'overrides.users', finite);
  await refused(store.createGroup({ name: 'x', plan: 'pro', overrides: { entities_total: Infinity } }), 'overrides.entities_total', finite);
  const limits = { users: 1, storage_gb: 1, api_calls_per_month: 1, entities_total: Number.NaN, connections_total: 1, events_retention_days: 1 };
  await refused(store.definePlans({ plans: [{ id: 'team', name: 'Team', priceCents: 1, limits }] }), 'plans[0].limits.entities_total', finite);
  await refused(store.batchInsertThings({ groupId, things: [{ type: 't', name: 'a', properties: { price: -Infinity } }] }), 'things[0].properties.price', finite);
  const quotas = await store.getGroupQuotas({ groupId });
  assert.equal(quotas.quotas.users.limit, 5, 'the Starter limit, not unlimited');
  assert.equal(await store.countThings({ groupId }), 0);
  await store.close();
});

test('chunkSize 0, -1, 1.5 or NaN is refused instead of hanging the process or writing nothing', async () => {
  const { store, groupId } = await fresh();
  for (const chunkSize of [0, -1, 1.5, Number.NaN, 1e9, '10']) {
    await refused(store.batchInsertThings({ groupId, things: rows(3), chunkSize }), 'chunkSize', { rule: 'range' });
    await refused(store.importFile({ groupId, file: 'name\na\n', format: 'csv', type: 't', chunkSize }), 'chunkSize', { rule: 'range' });
  }
  const result = await store.batchInsertThings({ groupId, things: rows(5), chunkSize: 2 });
  assert.equal(result.created.length, 5, 'a valid chunkSize still slices and writes every row');
  await store.close();
});

test('an onProgress that is not a function or a signal that is not an AbortSignal is refused, not a TypeError or ignored', async () => {
  const { store, groupId } = await fresh();
  await refused(store.batchInsertThings({ groupId, things: rows(2), onProgress: 'yes' }), 'onProgress', { rule: 'function' });
  await refused(store.batchInsertThings({ groupId, things: rows(2), signal: { aborted: true } }), 'signal', { rule: 'abort_signal' });
  await refused(store.importFile({ groupId, file: 'name\na\n', format: 'csv', type: 't', signal: true }), 'signal');
  assert.equal(await store.countThings({ groupId }), 0);
  await store.close();
});

test('a lone surrogate names its field instead of "arguments are not valid JSON"', async () => {
  const { store, groupId } = await fresh();
  await refused(store.insertThing({ groupId, type: 't', name: 'bad \uD800 name' }), 'name', { rule: 'utf16' });
  const things = [...rows(2), { type: 't', name: 'x', properties: { note: 'tail \uDC00' } }];
  await refused(store.batchInsertThings({ groupId, things }), 'things[2].properties.note', { rule: 'utf16' });
  await store.insertThing({ groupId, type: 't', name: 'a pair \uD83D\uDE00 is fine' });
  assert.equal(await store.countThings({ groupId }), 1);
  await store.close();
});

test('a missing required field says required, not "must be an integer"', async () => {
  const { store, groupId } = await fresh();
  await refused(store.getThing({}), 'thingId', { rule: 'required' });
  await refused(store.checkCanCreateEntities({ groupId }), 'count', { rule: 'required' });
  await refused(store.recordUsage({ groupId, metric: 'users' }), 'amount', { rule: 'required' });
  await store.close();
});

test("open() with no argument opens the default store; storgae: 'memory' is refused, not a file in the working directory", async (t) => {
  const dir = tempDir(t);
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    await refused(open({ name: 'typo', storgae: 'memory' }), 'storgae', { suggestion: 'storage' });
    assert.equal(fs.existsSync(path.join(dir, '.edgetally')), false, 'nothing written');
    const store = await open();
    assert.equal(store.name, 'default');
    assert.equal(store.storage, 'node');
    await store.close();
    assert.ok(fs.existsSync(path.join(dir, '.edgetally', 'default.sqlite3')));
  } finally {
    process.chdir(cwd);
  }
});

test('open({ path }) where no directory can be created is IO_ERROR, never a hang', async () => {
  for (const where of ['/proc/edgetally-cannot-exist', '/proc', '/dev/null/store']) {
    await assert.rejects(open({ name: 'x', path: where }), (error) => {
      assert.ok(error instanceof StorageError, `${where}: ${error.name} ${error.message}`);
      assert.equal(error.code, ErrorCode.IO_ERROR);
      return true;
    });
  }
  const store = await open({ name: 'after', storage: 'memory' });
  await store.close();
});
