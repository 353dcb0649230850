// The event layout migration (schema step "event layout": the per-target index keyed by week)
// on a store the previous version wrote (tests/fixtures/store-865df7a.sqlite3, made by
// tests/fixtures/make-store-865df7a.mjs with the package at 865df7a): it opens with its data,
// the old index is replaced, every thing's activity pages list the same items as that version
// listed, the all-time creator stats are the same, and archival then moves its old events out
// with those stats unchanged.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { open } from '../../js/index.node.js';
import { tempDir } from './helpers.mjs';

const fixture = new URL('../fixtures/store-865df7a.sqlite3', import.meta.url);
const expected = JSON.parse(fs.readFileSync(new URL('../fixtures/store-865df7a.json', import.meta.url), 'utf8'));
const ALL_TIME = ['totalFollowers', 'totalContent', 'totalRevenue', 'totalViews', 'totalLikes', 'totalComments', 'lastActive'];

async function activityOf(store, thingId, limit) {
  const items = [];
  let cursor;
  do {
    const page = await store.getThingActivity({ thingId, limit, ...(cursor ? { cursor } : {}) });
    assert.ok(page.items.length <= limit);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function allTimeStats(store, creatorId) {
  const computed = (await store.getCreatorStats({ creatorId }))._computed;
  return Object.fromEntries(ALL_TIME.map((key) => [key, computed[key]]));
}

function indexesOf(file) {
  const db = new Database(file, { readonly: true });
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' ORDER BY name").pluck().all();
  db.close();
  return names;
}

test('a store written at 865df7a migrates to the week-keyed event index with the same activity and stats', async (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'old.sqlite3');
  fs.copyFileSync(fixture, file);
  assert.deepEqual(indexesOf(file), ['events_by_group_ts', 'events_by_target_ts']);
  const latest = await open({ name: 'latest', storage: 'memory' });
  const supported = latest.schemaVersion;
  await latest.close();

  const store = await open({ name: 'old', path: dir });
  assert.equal(store.schemaVersion, supported);
  for (const thingId of expected.courses) {
    const want = expected.activity[thingId];
    assert.ok(want.length > 200, 'the fixture gives each course a long timeline');
    assert.deepEqual(await activityOf(store, thingId, 37), want, `activity of ${thingId}, pages of 37 as written`);
    assert.deepEqual(await activityOf(store, thingId, 5), want, `activity of ${thingId}, pages of 5`);
  }
  for (const [id, stats] of Object.entries(expected.creators)) assert.deepEqual(await allTimeStats(store, Number(id)), stats);

  // All its events are more than a year old: every one is archived (ids are never handed out twice).
  const run = await store.archiveGroupEvents({ groupId: expected.groupId, daysCutoff: 365 });
  assert.equal(run.archived, expected.events);
  for (const [id, stats] of Object.entries(expected.creators)) assert.deepEqual(await allTimeStats(store, Number(id)), stats);
  const remaining = (await Promise.all(expected.courses.map((thingId) => activityOf(store, thingId, 50)))).flat();
  assert.equal(remaining.filter((item) => item.type !== 'created').length, 0, 'no event stays hot');
  await store.close();
  // Schema step "event rows": the events live in event_rows and event_targets; `events` is a view.
  assert.deepEqual(indexesOf(file), []);
  const db = new Database(file, { readonly: true });
  const kinds = db.prepare("SELECT name, type FROM sqlite_schema WHERE name IN ('events', 'event_rows', 'event_targets') ORDER BY name").all();
  db.close();
  assert.deepEqual(kinds, [{ name: 'event_rows', type: 'table' }, { name: 'event_targets', type: 'table' }, { name: 'events', type: 'view' }]);
});
