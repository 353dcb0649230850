// Archival through the package (Node, real wasm, node:zlib): chunks that hold exactly the old
// events and read back verified, metrics unchanged, progress and cancellation, every bad input
// refused with nothing changed, the worker path (bytes transferred), the daily schedule and its
// catch-up on open, and a child process SIGKILLed mid-run.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { AbortedError, NotFoundError, ValidationError, open } from '../../js/index.node.js';
import { runChild, tempDir } from './helpers.mjs';
import { fillStore } from './fixtures/archive-fill.mjs';

const DAY = 86400000;

async function archiveSetup(options, old = 300) {
  const store = await open(options);
  const filled = await fillStore(store, { old, plan: 'enterprise' });
  return { store, ...filled };
}

async function metricsOf(store, groupId, creatorId) {
  return {
    group: (await store.getGroupMetrics({ groupId }))._computed,
    creator: (await store.getCreatorStats({ creatorId }))._computed,
  };
}

async function archivedIds(store, groupId) {
  const ids = [];
  for (const chunk of await store.listArchives({ groupId })) {
    const { events } = await store.readArchive({ chunkId: chunk.chunkId });
    ids.push(...events.map((e) => e.id));
  }
  return ids;
}

test('archiveGroupEvents moves the old events into verified chunks and no metric changes', async () => {
  const { store, groupId, creator, logged } = await archiveSetup({ name: 'a', storage: 'memory' });
  const before = await metricsOf(store, groupId, creator);
  const progress = [];
  const run = await store.archiveGroupEvents({ groupId, daysCutoff: 365, maxEvents: 70, onProgress: (p) => progress.push(p) });
  assert.equal(run.archived, logged.old.length);
  assert.equal(run.chunks.length, Math.ceil(logged.old.length / 70));
  assert.equal(progress.length, run.chunks.length);
  assert.equal(progress.at(-1).archived, run.archived);
  assert.deepEqual(await metricsOf(store, groupId, creator), before);
  assert.ok(run.space.pagesBefore > 0 && run.space.pagesAfterReclaim > 0);

  const byId = new Map(logged.old.map((e) => [e.id, e]));
  const seen = new Set();
  for (const chunk of run.chunks) {
    const { events, chunk: meta } = await store.readArchive({ chunkId: chunk.chunkId });
    assert.equal(meta.sha256, chunk.sha256);
    assert.equal(events.length, chunk.events);
    for (const e of events) {
      assert.ok(!seen.has(e.id), `event ${e.id} in two chunks`);
      seen.add(e.id);
      const sent = byId.get(e.id);
      assert.deepEqual({ type: e.type, ts: e.ts, targetId: e.targetId, metadata: e.metadata }, {
        type: sent.type, ts: sent.ts, targetId: sent.targetId, metadata: sent.metadata,
      });
    }
    const gzip = await store.exportArchive({ chunkId: chunk.chunkId });
    assert.ok(gzip instanceof Uint8Array);
    assert.equal(crypto.createHash('sha256').update(gzip).digest('hex'), chunk.sha256);
    assert.equal(zlib.gunzipSync(gzip).toString().trim().split('\n').length, chunk.events);
  }
  assert.equal(seen.size, logged.old.length);
  const status = (await store.getArchivalStatus({ groupId })).groups[0];
  assert.equal(status.eventsDue, 0);
  assert.equal(status.eventsArchived, logged.old.length);
  assert.equal(status.chunks.pending, run.chunks.length);
  assert.equal(status.lastRun.outcome, 'ok');
  // nothing left: a second run archives nothing
  assert.equal((await store.archiveGroupEvents({ groupId })).archived, 0);
  await store.close();
});

test('a run on a file store, chunk after chunk: events logged during it stay whole, pages come back, the run is recorded', async (t) => {
  const dir = tempDir(t);
  const { store, groupId, course, logged } = await archiveSetup({ name: 'run', path: dir });
  // Between batches (a chunk is prepared ahead meanwhile) the app logs more old events: they get
  // newer ids, so the chunk prepared ahead never holds them, and a later one may.
  let added = 0;
  const logging = [];
  const onProgress = () => {
    if (added >= 20) return;
    added += 10;
    const ts = Date.now() - 500 * DAY;
    logging.push(store.logEvents({ groupId, events: Array.from({ length: 10 }, (_, i) => ({ type: 'view', targetId: course, ts: ts + i })) }));
  };
  const run = await store.archiveGroupEvents({ groupId, daysCutoff: 365, maxEvents: 40, onProgress });
  for (const { failed } of await Promise.all(logging)) assert.equal(failed, 0);
  assert.ok(run.chunks.length >= 8);
  const ids = await archivedIds(store, groupId);
  assert.equal(new Set(ids).size, ids.length, 'an event in two chunks');
  assert.equal(ids.length, run.archived);
  for (const e of logged.old) assert.ok(ids.includes(e.id), `old event ${e.id} not archived`);
  const status = (await store.getArchivalStatus({ groupId })).groups[0];
  assert.equal(status.eventsDue + status.eventsArchived, logged.old.length + added);
  assert.equal(status.lastRun.outcome, 'ok');
  assert.equal(status.lastRun.archived, run.archived);
  assert.equal(run.space.reclaim, 'incremental_vacuum');
  assert.ok(run.space.freePagesAfterDelete > 0);
  assert.ok(run.space.pagesAfterReclaim < run.space.pagesAfterDelete);
  await store.close();
});

test('regression: ids were reused after archival: every event archived, then new events (also after a reopen) never take an archived id', async (t) => {
  const dir = tempDir(t);
  let store = await open({ name: 'ids', path: dir });
  const { id: groupId } = await store.createGroup({ name: 'G', plan: 'enterprise' });
  const ts = Date.now() - 500 * DAY;
  const { failed } = await store.logEvents({ groupId, events: Array.from({ length: 30 }, (_, i) => ({ type: 'view', ts: ts + i * DAY })) });
  assert.equal(failed, 0);
  const run = await store.archiveGroupEvents({ groupId, daysCutoff: 365, maxEvents: 7 });
  assert.equal(run.archived, 30, 'every event older than the cutoff leaves, the newest included');
  const archived = new Set(await archivedIds(store, groupId));
  assert.equal(archived.size, 30);
  const check = async () => {
    const { logged } = await store.logEvents({ groupId, events: [{ type: 'like' }, { type: 'view', ts: ts + 1 }] });
    for (const id of logged) assert.ok(!archived.has(id) && id > Math.max(...archived), `id ${id} was already archived`);
  };
  await check();
  await store.close();
  store = await open({ name: 'ids', path: dir });
  await check();
  await store.close();
});

test('an aborted run stops between chunks, and every event is hot or in exactly one chunk', async () => {
  const { store, groupId, logged } = await archiveSetup({ name: 'abort', storage: 'memory' });
  const controller = new AbortController();
  await assert.rejects(
    store.archiveGroupEvents({ groupId, maxEvents: 50, signal: controller.signal, onProgress: () => controller.abort() }),
    (error) => error instanceof AbortedError && error.details.result.chunks.length === 1,
  );
  const status = (await store.getArchivalStatus({ groupId })).groups[0];
  assert.equal(status.lastRun.outcome, 'aborted');
  assert.equal(status.eventsArchived, 50);
  assert.equal(status.eventsDue + status.eventsArchived, logged.old.length);
  assert.equal(new Set(await archivedIds(store, groupId)).size, 50);
  await store.close();
});

test('bad input: typed errors naming the field and rule, nothing archived', async () => {
  const store = await open({ name: 'bad', storage: 'memory' });
  const { groupId } = await fillStore(store, { old: 20, plan: 'pro' }); // retention 365 days
  const unchanged = async () => assert.equal((await store.getArchivalStatus({ groupId })).groups[0].eventsArchived, 0);
  await assert.rejects(store.archiveGroupEvents({ groupId: 'nope' }), NotFoundError);
  await assert.rejects(store.archiveEventBatch({ groupId: 'nope' }), NotFoundError);
  await assert.rejects(store.archiveGroupEvents({ groupId, daysCutoff: 0 }), (e) => e instanceof ValidationError && e.details.field === 'daysCutoff');
  await assert.rejects(store.archiveGroupEvents({ groupId, daysCutoff: 400 }), (e) => e instanceof ValidationError && e.details.rule === 'plan_retention');
  await assert.rejects(store.archiveGroupEvents({ groupId, signal: 'x' }), (e) => e.details.field === 'signal');
  await assert.rejects(store.readArchive({ chunkId: 12345 }), NotFoundError);
  await assert.rejects(store.exportArchive({ chunkId: 12345 }), NotFoundError);
  await assert.rejects(store.configureArchival({ dailyAtUtc: '2am' }), (e) => e instanceof ValidationError && e.details.rule === 'time_of_day');
  await unchanged();
  await store.close();
});

test('runDailyArchival archives every group with its cutoff; the worker path transfers the bytes', async (t) => {
  const dir = tempDir(t);
  const store = await open({ name: 'daily', path: dir, worker: true });
  const one = await fillStore(store, { old: 40, plan: 'enterprise' });
  const two = await fillStore(store, { old: 30, plan: 'pro' });
  const daily = await store.runDailyArchival();
  assert.equal(daily.archived, 70);
  assert.deepEqual(daily.groups.map((g) => [g.groupId, g.archived, g.error]).sort(), [[one.groupId, 40, null], [two.groupId, 30, null]].sort());
  const [chunk] = await store.listArchives({ groupId: two.groupId });
  const { events } = await store.readArchive({ chunkId: chunk.chunkId });
  assert.equal(events.length, 30);
  const gzip = await store.exportArchive({ chunkId: chunk.chunkId });
  assert.equal(crypto.createHash('sha256').update(gzip).digest('hex'), chunk.sha256);
  const status = await store.getArchivalStatus();
  assert.equal(status.schedule.lastDailyRunAt, daily.ranAt);
  assert.equal(status.space.reclaim, 'incremental_vacuum');
  await store.close();
});

// A UTC time of day `ms` from now, "HH:MM:SS".
function timeOfDayIn(ms) {
  return new Date(Date.now() + ms).toISOString().slice(11, 19);
}

async function waitFor(check, what) {
  for (let i = 0; i < 300; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

test('the daily schedule runs at its UTC time while the store is open', async (t) => {
  const store = await open({ name: 'timer', path: tempDir(t) });
  const { groupId, logged } = await fillStore(store, { old: 25, plan: 'enterprise' });
  await store.configureArchival({ dailyAtUtc: timeOfDayIn(1500) });
  const status = await waitFor(async () => {
    const s = await store.getArchivalStatus({ groupId });
    return s.schedule.lastDailyRunAt !== null && s;
  }, 'the scheduled run');
  assert.equal(status.groups[0].eventsArchived, logged.old.length);
  assert.ok(status.schedule.nextRunAt > status.schedule.lastDailyRunAt);
  await store.close();
});

test('a run missed while the store was closed is caught up on open', async (t) => {
  const dir = tempDir(t);
  let store = await open({ name: 'catchup', path: dir });
  const { groupId, logged } = await fillStore(store, { old: 25, plan: 'enterprise' });
  await store.configureArchival({ dailyAtUtc: timeOfDayIn(1500) }); // whole seconds: 0.5 to 1.5 s from now
  await store.close(); // closed before the scheduled time
  await new Promise((resolve) => setTimeout(resolve, 2500));
  store = await open({ name: 'catchup', path: dir });
  const status = await waitFor(async () => {
    const s = await store.getArchivalStatus({ groupId });
    return s.schedule.lastDailyRunAt !== null && s;
  }, 'the catch-up run');
  assert.equal(status.groups[0].eventsArchived, logged.old.length);
  await store.close();
});

test('a process SIGKILLed during archival leaves hot + archived = written, no event twice, metrics unchanged', async (t) => {
  const dir = tempDir(t);
  const setup = await runChild('archiver.mjs', [dir, 'setup']);
  assert.equal(setup.code, 0);
  const { groupId, creator, old } = JSON.parse(setup.lines.at(-1));
  let store = await open({ name: 'kill', path: dir });
  const before = await metricsOf(store, groupId, creator);
  await store.close();
  for (let round = 0; round < 3; round++) {
    const killAfterMs = Math.floor(Math.random() * 30);
    let armed = false;
    const { signal, lines } = await runChild('archiver.mjs', [dir, 'run'], (line, child) => {
      if (!armed) {
        armed = true; // first chunk committed: kill a few ms later, wherever it is
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    assert.ok(signal === 'SIGKILL' || lines.at(-1) === 'done', `round ${round}: ${signal} ${lines.at(-1)}`);
    store = await open({ name: 'kill', path: dir });
    assert.deepEqual(await store.checkIntegrity(), { ok: true, problems: [] });
    const status = (await store.getArchivalStatus({ groupId })).groups[0];
    const ids = await archivedIds(store, groupId);
    assert.equal(new Set(ids).size, ids.length, 'no event in two chunks');
    assert.equal(status.eventsDue + ids.length, old, `round ${round}: hot + archived = written`);
    assert.equal(status.eventsArchived, ids.length);
    assert.deepEqual(await metricsOf(store, groupId, creator), before);
    await store.close();
  }
});
