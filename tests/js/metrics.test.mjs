// Computed metrics through the package: the reference's dashboard example (example 2: group
// metrics beside quotas), creator stats, logEvents' bad input, relationships and activity
// pages, and metrics that survive closing and reopening a file store.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotFoundError, ValidationError, open } from '../../js/index.node.js';
import { tempDir } from './helpers.mjs';

const DAY = 86400000;

async function dashboardStore(options = { name: 'metrics', storage: 'memory' }) {
  const store = await open(options);
  const org = await store.createGroup({ name: 'Acme', plan: 'pro' });
  const groupId = org.id;
  const made = await store.batchInsertThings({
    groupId,
    things: [
      { type: 'user', name: 'Ada' },
      { type: 'user', name: 'Bo' },
      { type: 'course', name: 'SQL 101', properties: { price: 49 } },
      { type: 'video', name: 'Intro clip' },
      { type: 'post', name: 'Launch post' },
    ],
  });
  const [ada, bo, course, video, post] = made.created;
  await store.batchCreateConnections({
    groupId,
    connections: [
      { fromId: ada, toId: course, type: 'created' },
      { fromId: ada, toId: video, type: 'created' },
    ],
  });
  return { store, groupId, ada, bo, course, video, post };
}

test('reference example 2: a dashboard reads group metrics beside quotas', async () => {
  const { store, groupId, ada, bo, course, video, post } = await dashboardStore();
  const now = Date.now();
  const logged = await store.logEvents({
    groupId,
    events: [
      { type: 'view', actorId: bo, targetId: course },
      { type: 'view', actorId: ada, targetId: video, ts: now - 2 * DAY },
      { type: 'like', actorId: bo, targetId: video },
      { type: 'comment', actorId: bo, targetId: post, metadata: { text: 'nice' } },
      { type: 'share', actorId: bo, targetId: course },
      { type: 'payment', actorId: bo, targetId: course, amount: 4900, currency: 'USD' },
      { type: 'view', actorId: bo, targetId: course, ts: now - 45 * DAY },
    ],
  });
  assert.equal(logged.summary.success, 7);
  assert.equal(logged.logged.length, 7);

  const metrics = await store.getGroupMetrics({ groupId });
  const quotas = await store.getGroupQuotas({ groupId });
  assert.equal(metrics.id, groupId);
  const c = metrics._computed;
  assert.equal(c.activeUsers, 2);
  assert.equal(c.activeUsers7d, 2);
  assert.equal(c.events30d, 6);
  assert.equal(c.eventsPrev30d, 1);
  assert.equal(c.trendingUp, true);
  assert.equal(c.trendPct, 500);
  assert.equal(c.eventsPerActiveUser30d, 3);
  assert.equal(c.revenueThisMonth, 49);
  assert.equal(c.totalEntities, 5);
  assert.deepEqual(c.entitiesByType, { course: 1, post: 1, user: 2, video: 1 });
  assert.equal(c.totalConnections, 2);
  assert.equal(typeof c.storageUsedMB, 'number');
  assert.ok(quotas.quotas.storage_gb.limit * 1024 > c.storageUsedMB);
  assert.deepEqual(c.topContentByEngagement, [
    { id: post, name: 'Launch post', score: 5 },
    { id: course, name: 'SQL 101', score: 5 },
    { id: video, name: 'Intro clip', score: 4 },
  ].sort((a, b) => b.score - a.score || a.id - b.id));
  assert.equal(quotas.summary.warningCount, 0);

  const creator = await store.getCreatorStats({ creatorId: ada });
  assert.equal(creator.name, 'Ada');
  assert.deepEqual(creator._computed, {
    totalFollowers: 0,
    totalContent: 2,
    totalRevenue: 49,
    revenueThisMonth: 49,
    totalViews: 3,
    totalLikes: 1,
    totalComments: 0,
    engagementRate: 0.3333,
    lastActive: now - 2 * DAY,
    avgRevenuePerContent: 24.5,
    activeDays30: 1,
  });
  await store.close();
});

test('logEvents: bad rows name index and field and nothing is written; unknown group rejects', async () => {
  const { store, groupId, course } = await dashboardStore();
  const other = await store.createGroup({ name: 'Other', plan: 'pro' });
  const foreign = (await store.insertThing({ groupId: other.id, type: 'post', name: 'x' })).id;
  const result = await store.logEvents({
    groupId,
    events: [
      { type: 'view', targetId: course },
      { type: 'view', targetId: foreign },
      { type: 'payment', amount: -5 },
      { type: 'view', metadata: [1] },
      { type: 'view', ts: Date.UTC(1999, 11, 31) },
      { type: 'payment', amount: 2 ** 53 },
    ],
  });
  assert.deepEqual(result.logged, []);
  assert.deepEqual(
    result.errors.map((e) => [e.index, e.field, e.code]),
    [[1, 'targetId', 'other_group'], [2, 'amount', 'min'], [3, 'metadata', 'object'], [4, 'ts', 'min'], [5, 'amount', 'safe_integer']],
  );
  assert.equal((await store.getGroupMetrics({ groupId }))._computed.events30d, 0);
  await assert.rejects(store.logEvents({ groupId: 'nope', events: [] }), NotFoundError);
  await assert.rejects(store.logEvents({ groupId, events: {} }), ValidationError);
  await assert.rejects(store.getCreatorStats({ creatorId: 'x' }), ValidationError);
  await store.close();
});

test('activity and relationships page with opaque cursors', async () => {
  const { store, groupId, ada, bo, course } = await dashboardStore();
  const now = Date.now();
  await store.logEvents({
    groupId,
    events: Array.from({ length: 9 }, (_, i) => ({ type: 'view', actorId: bo, targetId: course, ts: now - i * 1000 })),
  });
  const seen = [];
  let cursor;
  do {
    const page = await store.getThingActivity({ thingId: course, limit: 4, ...(cursor ? { cursor } : {}) });
    seen.push(...page.items);
    cursor = page.nextCursor;
    await store.logEvents({ groupId, events: [{ type: 'like', targetId: course, ts: now + 10 }] });
  } while (cursor);
  assert.equal(seen.filter((i) => i.type === 'view').length, 9);
  assert.equal(seen.filter((i) => i.type === 'created').length, 1);
  assert.ok(seen.every((item, i) => i === 0 || seen[i - 1].ts >= item.ts));
  assert.equal(new Set(seen.map((i) => i.id)).size, seen.length);
  assert.equal(typeof (await store.getThingActivity({ thingId: course, limit: 1 })).nextCursor, 'string');

  const rel = await store.getThingWithRelationships({ thingId: ada, limitPerType: 1 });
  assert.equal(rel.relationships.outgoing.created.total, 2);
  assert.equal(rel.relationships.outgoing.created.items.length, 1);
  const next = await store.getThingRelationshipsPaginated({
    thingId: ada, direction: 'outgoing', type: 'created', cursor: rel.relationships.outgoing.created.nextCursor,
  });
  assert.equal(next.items.length, 1);
  assert.equal(next.nextCursor, null);
  await assert.rejects(
    store.getThingRelationshipsPaginated({ thingId: ada, direction: 'outgoing', cursor: 'garbage' }),
    (e) => e instanceof ValidationError && e.details.field === 'cursor',
  );
  await store.close();
});

test('metrics are the same after closing and reopening a file store', async (t) => {
  const dir = tempDir(t);
  const options = { name: 'metrics-file', storage: 'node', path: dir };
  const { store, groupId, ada, course } = await dashboardStore(options);
  await store.logEvents({ groupId, events: [{ type: 'follow', actorId: course, targetId: ada }, { type: 'view', targetId: course }] });
  const before = (await store.getGroupMetrics({ groupId }))._computed;
  const creator = (await store.getCreatorStats({ creatorId: ada }))._computed;
  await store.close();
  const again = await open(options);
  assert.deepEqual((await again.getGroupMetrics({ groupId }))._computed, before);
  assert.deepEqual((await again.getCreatorStats({ creatorId: ada }))._computed, creator);
  assert.equal(creator.totalFollowers, 1);
  await again.close();
});
