// Quotas and usage through the package: the reference's examples (pre-flight before a batch
// import, the status display, recording and enforcing usage), alerts, offline truth, and the
// typed error of every bad input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCode, QuotaExceededError, ValidationError, NotFoundError, open } from '../../js/index.node.js';

async function freshGroup(plan = 'starter', extra = {}) {
  const store = await open({ name: 'quota', storage: 'memory' });
  const group = await store.createGroup({ name: 'Acme', plan, ...extra });
  return { store, groupId: group.id };
}

const courses = (n) =>
  Array.from({ length: n }, (_, i) => ({
    type: 'course',
    name: `Course ${i}`,
    properties: { price: 10 + (i % 7), category: 'data' },
  }));

test('reference example 3: pre-flight check, then import, then show results', async () => {
  const { store, groupId } = await freshGroup('starter');
  const items = courses(150);
  const check = await store.checkCanCreateEntities({ groupId, count: items.length });
  assert.equal(check.canCreate, false);
  assert.match(check.reason, /Starter plan's limit of 100 entities/);
  assert.match(check.suggestion, /^Upgrade to Pro \(\$49\.00\/month\) for 10,000 entities/);
  assert.equal(check.remaining, 100);

  const fits = items.slice(0, 80);
  assert.equal((await store.checkCanCreateEntities({ groupId, count: fits.length })).canCreate, true);
  const result = await store.batchInsertThings({ groupId, things: fits });
  assert.equal(result.summary.success, 80);
  assert.equal(result.failed, 0);
  await store.close();
});

test('a batch over the plan is refused with QuotaExceededError before any write', async () => {
  const { store, groupId } = await freshGroup('starter');
  await assert.rejects(store.batchInsertThings({ groupId, things: courses(101) }), (error) => {
    assert.ok(error instanceof QuotaExceededError);
    assert.equal(error.code, ErrorCode.QUOTA_EXCEEDED);
    assert.equal(error.metric, 'entities_total');
    assert.equal(error.limit, 100);
    assert.equal(error.requested, 101);
    assert.match(error.suggestion, /Pro/);
    return true;
  });
  assert.equal(await store.countThings({ groupId }), 0);
  assert.equal((await store.getGroupQuotas({ groupId })).quotas.entities_total.current, 0);
  await store.close();
});

test('reference example 2: the status display with warnings', async () => {
  const { store, groupId } = await freshGroup('pro');
  await store.recordUsage({ groupId, metric: 'users', amount: 25, period: 'monthly' });
  await store.recordUsage({ groupId, metric: 'storage_gb', amount: 85 * 2 ** 30, period: 'monthly' });
  await store.recordUsage({ groupId, metric: 'api_calls_per_month', amount: 85000, period: 'monthly' });
  const quotas = await store.getGroupQuotas({ groupId });
  assert.equal(quotas.plan, 'pro');
  assert.deepEqual(
    [quotas.quotas.users.status, quotas.quotas.storage_gb.status, quotas.quotas.api_calls_per_month.status],
    ['ok', 'warning', 'warning'],
  );
  assert.equal(quotas.quotas.storage_gb.limit, 100 * 2 ** 30);
  assert.deepEqual(quotas.summary, { allOk: false, warningCount: 2, exceededCount: 0 });
  assert.deepEqual(quotas.warnings.map((w) => [w.metric, w.percentUsed]), [
    ['storage_gb', 85],
    ['api_calls_per_month', 85],
  ]);
  const status = await store.getQuotaStatus({ groupId });
  assert.equal(status.lines.length, 6);
  assert.ok(status.lines.includes('Storage: 85 GB of 100 GB (85.0%) - warning'), status.lines.join('\n'));
  assert.match(status.summary, /2 of 6 quotas need attention on the Pro plan/);
  const pricing = await store.getUpgradePricing({ groupId });
  assert.deepEqual(pricing.options.map((o) => [o.plan, o.priceDifferenceCents]), [['enterprise', 45000]]);
  await store.close();
});

test('reference usage tracking: recordUsage, enforceQuota, resetPeriodCounter', async () => {
  const { store, groupId } = await freshGroup('starter');
  const first = await store.recordUsage({ groupId, metric: 'entities_total', amount: 1, period: 'annual' });
  assert.match(first.recordId, /^u_[0-9a-f]{32}$/);
  await store.enforceQuota({ groupId, metric: 'entities_total', requestedAmount: 99 });
  await assert.rejects(
    store.enforceQuota({ groupId, metric: 'entities_total', requestedAmount: 1 }),
    QuotaExceededError,
  );
  await store.recordUsage({ groupId, metric: 'api_calls_per_month', amount: 500, period: 'monthly' });
  await store.resetPeriodCounter({ groupId, metric: 'api_calls_per_month', period: 'monthly' });
  assert.equal((await store.getGroupQuotas({ groupId })).quotas.api_calls_per_month.current, 0);
  await store.close();
});

test('two interleaved enforceQuota calls for the last unit: exactly one passes', async () => {
  const { store, groupId } = await freshGroup('starter');
  await store.recordUsage({ groupId, metric: 'users', amount: 4 });
  const outcomes = await Promise.allSettled([
    store.enforceQuota({ groupId, metric: 'users', requestedAmount: 1 }),
    store.enforceQuota({ groupId, metric: 'users', requestedAmount: 1 }),
  ]);
  assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
  assert.equal((await store.getGroupQuotas({ groupId })).quotas.users.current, 5);
  await store.close();
});

test('quota alerts reach subscribers once per threshold', async () => {
  const { store, groupId } = await freshGroup('starter');
  const alerts = [];
  const unsubscribe = store.onQuotaAlert((alert) => alerts.push([alert.metric, alert.status]));
  await store.recordUsage({ groupId, metric: 'api_calls_per_month', amount: 850 });
  await store.recordUsage({ groupId, metric: 'api_calls_per_month', amount: 10 });
  await store.recordUsage({ groupId, metric: 'api_calls_per_month', amount: 500 });
  assert.deepEqual(alerts, [
    ['api_calls_per_month', 'warning'],
    ['api_calls_per_month', 'exceeded'],
  ]);
  unsubscribe();
  await store.setGroupPlan({ groupId, plan: 'starter', overrides: { users: 1 } });
  await store.recordUsage({ groupId, metric: 'users', amount: 1 });
  assert.equal(alerts.length, 2, 'no calls after unsubscribe');
  await store.close();
});

test('offline truth: a device counts what the server knows plus what it has not sent', async () => {
  const { store, groupId } = await freshGroup('starter');
  const local = await store.recordUsage({ groupId, metric: 'users', amount: 1 });
  await store.setServerTotals({ groupId, totals: { users: 3 } });
  assert.equal((await store.checkCanCreateEntities({ groupId, count: 0 })).canCreate, true);
  assert.equal((await store.getGroupQuotas({ groupId })).quotas.users.current, 4);
  await assert.rejects(store.enforceQuota({ groupId, metric: 'users', requestedAmount: 2 }), QuotaExceededError);
  assert.deepEqual(await store.acknowledgeUsage({ recordIds: [local.recordId] }), { acknowledged: 1 });
  assert.equal((await store.getGroupQuotas({ groupId })).quotas.users.current, 3);
  const replay = await store.recordUsage({ groupId, metric: 'users', amount: 1, recordId: local.recordId });
  assert.equal(replay.duplicate, true);
  await store.close();
});

test('custom plans from JSON, overrides, and a plan change that takes effect at once', async () => {
  const { store, groupId } = await freshGroup('starter');
  const limits = {
    users: 10,
    storage_gb: 5 * 2 ** 30,
    api_calls_per_month: 10000,
    entities_total: 1000,
    connections_total: 5000,
    events_retention_days: 90,
  };
  const plans = await store.definePlans({ plans: [{ id: 'team', name: 'Team', priceCents: 1900, limits }] });
  assert.deepEqual(plans.map((p) => p.id), ['starter', 'team', 'pro', 'enterprise']);
  assert.equal(plans[3].limits.users, null, 'Enterprise is unlimited, not a big number');
  await store.setGroupPlan({ groupId, plan: 'team', overrides: { entities_total: 2000 } });
  assert.equal((await store.checkCanCreateEntities({ groupId, count: 1500 })).canCreate, true);
  await store.close();
});

test('every bad quota input is a typed error and the ledger is untouched', async () => {
  const { store, groupId } = await freshGroup('pro');
  const bad = [
    [{ groupId, metric: 'bandwidth', amount: 1 }, ErrorCode.UNKNOWN_METRIC, 'metric'],
    [{ groupId, metric: 'users', amount: 1, period: 'weekly' }, ErrorCode.UNKNOWN_PERIOD, 'period'],
    [{ groupId, metric: 'users', amount: -1 }, ErrorCode.INVALID_ARGUMENT, 'amount'],
    [{ groupId, metric: 'users', amount: 0.5 }, ErrorCode.INVALID_ARGUMENT, 'amount'],
    [{ groupId, metric: 'users', amount: Number.NaN }, ErrorCode.INVALID_ARGUMENT, 'amount'],
    [{ groupId, metric: 'users', amount: Number.POSITIVE_INFINITY }, ErrorCode.INVALID_ARGUMENT, 'amount'],
    [{ groupId, metric: 'users', amount: 2 ** 63 }, ErrorCode.INVALID_ARGUMENT, 'amount'],
    [{ groupId, metric: 'users', amount: 10n }, ErrorCode.INVALID_ARGUMENT, undefined],
    [{ groupId, metric: 'users', amount: 1, recordId: '../x' }, ErrorCode.INVALID_ARGUMENT, 'recordId'],
  ];
  for (const [args, code, field] of bad) {
    await assert.rejects(store.recordUsage(args), (error) => {
      assert.ok(error instanceof ValidationError, `${JSON.stringify(String(args.amount))}: ${error.message}`);
      assert.equal(error.code, code);
      if (field) assert.equal(error.details.field, field);
      return true;
    });
  }
  await assert.rejects(store.recordUsage({ groupId: 'ghost', metric: 'users', amount: 1 }), NotFoundError);
  await assert.rejects(store.setGroupPlan({ groupId, plan: 'gold' }), (e) => e.code === ErrorCode.UNKNOWN_PLAN);
  await assert.rejects(store.createGroup({ name: 'x', plan: 'gold' }), (e) => e.code === ErrorCode.UNKNOWN_PLAN);
  await assert.rejects(
    store.definePlans({ plans: [{ id: 'p', name: 'P', priceCents: 1, limits: { users: 'many' } }] }),
    (e) => e.code === ErrorCode.INVALID_ARGUMENT && e.details.field === 'plans[0].limits.users', // the full path
  );
  await assert.rejects(store.checkCanCreateEntities({ groupId, count: -5 }), ValidationError);
  await assert.rejects(store.resetPeriodCounter({ groupId, metric: 'users', period: 'monthly' }), ValidationError);
  const quotas = await store.getGroupQuotas({ groupId });
  assert.equal(quotas.quotas.users.current, 0);
  assert.equal(quotas.summary.allOk, true);
  await store.close();
});
