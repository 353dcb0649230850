// getCreatorStats through the package, on its one-read path (the creator and its group's
// anchor in one joined read, every figure in one statement over the maintained aggregates,
// activeDays30 from the (actor_id, day) index, the answer written as text): each answer equals
// the straightforward SQL over the raw events (bench/peers/metrics-sql.mjs on better-sqlite3,
// the bench's own oracle) for every creator of two groups, after single writes to either group,
// after archival steps (the peer keeps every event: all-time figures must not move), and its
// thing part is getThing's answer key for key and in the same key order, stored properties in
// any key order included; bad input is still a typed error naming the field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DRIVERS, setUpMetricsSql } from '../../bench/peers/metrics-sql.mjs';
import { NotFoundError, ValidationError, open } from '../../js/index.node.js';

const DAY = 86400000;
const TYPES = ['view', 'view', 'like', 'comment', 'share', 'follow', 'unfollow', 'payment', 'refund', 'click'];

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

// A group of 6 users and 12 pieces of content (some with properties in non-sorted key order),
// 'created' links from users to content, a few 'related' links, and `events` events over 400 days.
async function makeGroup(store, random, name, events) {
  const { id: groupId } = await store.createGroup({ name, plan: 'enterprise' });
  const things = [];
  for (let i = 0; i < 6; i++) things.push({ type: 'user', name: `${name} user ${i}`, properties: { z: i, a: { y: 'x', b: [1.5, 'é'] } } });
  for (let i = 0; i < 12; i++) things.push({ type: ['course', 'post', 'video'][i % 3], name: `${name} item ${i}`, properties: { price: i, tag: 'x' } });
  const { created } = await store.batchInsertThings({ groupId, things });
  const ids = things.map((t, i) => ({ ...t, id: created[i] }));
  const users = ids.slice(0, 6), content = ids.slice(6);
  // user 5 creates nothing: a creator with no content answers too
  const connections = content.map((c, i) => ({ fromId: users[i % 5].id, toId: c.id, type: 'created' }));
  connections.push({ fromId: content[0].id, toId: content[1].id, type: 'related' });
  await store.batchCreateConnections({ groupId, connections });
  const event = (ts) => {
    const type = TYPES[Math.floor(random() * TYPES.length)];
    const e = { type, ts, actorId: users[Math.floor(random() * users.length)].id };
    if (random() < 0.9) e.targetId = ids[Math.floor(random() * ids.length)].id;
    if (type === 'payment' || type === 'refund') e.amount = 100 + Math.floor(random() * 9900);
    return e;
  };
  const now = Date.now();
  const logged = Array.from({ length: events }, () => event(now - Math.floor(random() * 400 * DAY)));
  await store.logEvents({ groupId, events: logged });
  const peer = setUpMetricsSql(await DRIVERS['better-sqlite3'](), { groupId, things: ids, connections, events: logged });
  return { groupId, users, peer, event };
}

async function checkAll(store, group) {
  for (const user of group.users) {
    const { _computed, ...thing } = await store.getCreatorStats({ creatorId: user.id });
    assert.deepEqual(_computed, group.peer.getCreatorStats(user.id), `creator ${user.id}`);
    const plain = await store.getThing({ thingId: user.id });
    assert.deepEqual(thing, plain);
    assert.equal(JSON.stringify(thing), JSON.stringify(plain)); // same keys in the same order
  }
}

test('getCreatorStats equals the raw-event SQL for every creator, after writes and archival, across groups', async () => {
  const random = rng(9);
  const store = await open({ name: 'creator-stats', storage: 'memory' });
  const a = await makeGroup(store, random, 'A', 1500);
  const b = await makeGroup(store, random, 'B', 700);
  await checkAll(store, a);
  await checkAll(store, b);
  assert.deepEqual((await store.getThing({ thingId: a.users[0].id })).properties, { a: { b: [1.5, 'é'], y: 'x' }, z: 0 });
  for (let i = 0; i < 24; i++) {
    const group = i % 3 === 0 ? b : a;
    const e = group.event(Date.now() - (i % 4 === 0 ? Math.floor(random() * 40 * DAY) : 0));
    await store.logEvents({ groupId: group.groupId, events: [e] });
    group.peer.logEvent(e);
    const creator = group.users[i % group.users.length].id;
    assert.deepEqual((await store.getCreatorStats({ creatorId: creator }))._computed, group.peer.getCreatorStats(creator));
  }
  await checkAll(store, a);
  await checkAll(store, b);
  for (const cutoff of [300, 100, 31]) {
    const { archived } = await store.archiveGroupEvents({ groupId: a.groupId, daysCutoff: cutoff, maxEvents: 200 });
    assert.ok(archived > 0, `events older than ${cutoff} days were archived`);
    await checkAll(store, a);
    await checkAll(store, b);
  }
  await store.close();
});

test('getCreatorStats refuses bad input with a typed error naming the field', async () => {
  const store = await open({ name: 'creator-stats-args', storage: 'memory' });
  const { id: groupId } = await store.createGroup({ name: 'G', plan: 'pro' });
  const { created: [id] } = await store.batchInsertThings({ groupId, things: [{ type: 'user', name: 'U' }] });
  for (const args of [{}, { creatorId: 'x' }, { creatorId: 1.5 }, { creatorId: 0 }, { creatorId: -3 }, { creatorId: null },
    { creatorID: id }, { creatorId: id, extra: 1 }]) {
    const error = await store.getCreatorStats(args).then(() => null, (e) => e);
    assert.ok(error instanceof ValidationError, `${JSON.stringify(args)} is refused`);
    const field = 'creatorID' in args ? 'creatorID' : 'extra' in args ? 'extra' : 'creatorId';
    assert.equal(error.details.field, field, JSON.stringify(args));
  }
  const missing = await store.getCreatorStats({ creatorId: id + 1000 }).then(() => null, (e) => e);
  assert.ok(missing instanceof NotFoundError);
  assert.equal((await store.getCreatorStats({ creatorId: id }))._computed.totalContent, 0);
  await store.close();
});
