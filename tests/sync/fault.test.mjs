// The sync fault suite (issue 11, "Done when"): three devices of one group, each a child process
// writing 1,200 usage records while syncing through a proxy that drops requests, drops replies
// after the server committed, delays, answers 500/429/401 and resets connections; each device is
// SIGKILLed at random points and restarted on the same files until it drains. Then the server's
// totals must equal the sum of every record written, exactly (no loss, no double count). Each
// device also archives old events into a dozen chunks, which its sync client uploads through the
// same faults and kills: every chunk on the server must be byte-identical to the device's chunk
// with that hash, and hot + archived events = events written. Prints records, faults by kind,
// duplicates suppressed, chunks delivered, and lost.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { SECRET, api, spawnChild, startServer, tempDir } from './helpers.mjs';
import { FAULTS, FaultProxy } from './proxy.mjs';

const DEVICES = ['dev-a', 'dev-b', 'dev-c'];
const COUNT = 1200;
const GROUP = 'acme';
const MAX_KILLS = 3;
const ARCHIVE_EVENTS = 240; // per device, in chunks of CHUNK_EVENTS: a dozen chunks each
const CHUNK_EVENTS = 20;
const DEVICE_ENV = { EDGETALLY_TEST_SECRET: SECRET, EDGETALLY_TEST_ARCHIVE_EVENTS: String(ARCHIVE_EVENTS), EDGETALLY_TEST_CHUNK_EVENTS: String(CHUNK_EVENTS) };

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function monthStart(ts) {
  const d = new Date(ts);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** What the devices wrote, per metric and bucket (the same rule as fixtures/device.mjs). */
function expectedTotals(base) {
  const totals = new Map();
  for (let i = 0; i < COUNT; i++) {
    const metric = i % 3 === 0 ? 'users' : 'api_calls_per_month';
    const key = `${metric}/${metric === 'users' ? 0 : monthStart(base + i)}`;
    totals.set(key, (totals.get(key) ?? 0) + DEVICES.length * ((i % 7) + 1));
  }
  return totals;
}

// The records a device's store wrote by itself (logEvents counts the events' storage_gb), read
// from its file once it has exited: {totals: Map 'metric/bucket' -> sum, count}.
function ledgerOf(dir, name) {
  const db = new Database(path.join(dir, `${name}.sqlite3`), { readonly: true });
  try {
    const rows = db.prepare("SELECT metric, bucket, sum(amount) AS value, count(*) AS n FROM usage WHERE metric = 'storage_gb' GROUP BY metric, bucket").all();
    return { totals: new Map(rows.map((r) => [`${r.metric}/${r.bucket}`, r.value])), count: rows.reduce((sum, r) => sum + r.n, 0) };
  } finally {
    db.close();
  }
}

// Runs one device until it drains, SIGKILLing it at random output lines up to MAX_KILLS times.
async function runDevice(name, { dir, url, rng, base, stats }) {
  for (let launch = 0; ; launch++) {
    const killAt = launch < MAX_KILLS ? 1 + Math.floor(rng() * 28) : Infinity;
    let lines = 0;
    let drained = null;
    const child = spawnChild('device.mjs', [dir, name, GROUP, url, String(COUNT)], (line) => {
      if (line.startsWith('drained ')) drained = JSON.parse(line.slice(8));
      if (++lines === killAt) setTimeout(() => child.kill('SIGKILL'), Math.floor(rng() * 40));
    }, { ...DEVICE_ENV, EDGETALLY_TEST_BASE_TS: String(base) });
    const { code, signal } = await child.exited;
    if (signal === 'SIGKILL') stats.kills++;
    if (drained) return drained;
    assert.equal(signal, 'SIGKILL', `device ${name} exited with ${code} before draining`);
  }
}

function finalCheck(name, { dir, url, base }) {
  let drained = null;
  const child = spawnChild('device.mjs', [dir, name, GROUP, url, '0'], (line) => {
    if (line.startsWith('drained ')) drained = JSON.parse(line.slice(8));
  }, { ...DEVICE_ENV, EDGETALLY_TEST_BASE_TS: String(base) });
  return child.exited.then(({ code }) => {
    assert.equal(code, 0, `final check of ${name}`);
    return drained;
  });
}

// Every chunk a device holds is on the server under its hash, byte for byte; its events are
// the ones written that are no longer hot. Returns the number of chunks checked.
function checkArchive(name, report, { dir, serverDir }) {
  assert.ok(report, `${name} reported its archive`);
  assert.equal(report.hot + report.archived, ARCHIVE_EVENTS, `${name}: hot + archived events = events written`);
  assert.equal(report.chunks.reduce((sum, c) => sum + c.events, 0), report.archived, `${name}: the chunks hold the archived events`);
  assert.ok(report.chunks.length >= ARCHIVE_EVENTS / CHUNK_EVENTS, `${name}: a dozen chunks`);
  for (const chunk of report.chunks) {
    assert.equal(chunk.state, 'uploaded', `${name}: chunk ${chunk.sha256} marked uploaded`);
    const local = fs.readFileSync(path.join(dir, `${name}-chunks`, chunk.sha256));
    const held = fs.readFileSync(path.join(serverDir, 'archives', GROUP, chunk.sha256));
    assert.ok(held.equals(local), `${name}: chunk ${chunk.sha256} byte-identical on the server`);
  }
  return report.chunks.length;
}

test('fault suite: every record counts exactly once through faults and SIGKILLs', { timeout: 600000 }, async (t) => {
  const seed = Number(process.env.SYNC_FAULT_SEED ?? Date.now() % 1e9);
  const rng = mulberry32(seed);
  const faultRate = 0.4;
  const { url: serverUrl, dir: serverDir } = await startServer(t, { server: { rateLimit: false } });
  const proxy = await new FaultProxy({
    targets: [serverUrl],
    choose: () => (rng() < faultRate ? FAULTS[Math.floor(rng() * FAULTS.length)] : 'pass'),
  }).start();
  t.after(() => proxy.close());
  const dir = tempDir(t);
  const base = Date.now() - 60000;
  const stats = { kills: 0 };
  await Promise.all(DEVICES.map((name) => runDevice(name, { dir, url: proxy.url, rng, base, stats })));
  // Once all have drained, each device syncs once more (nothing to send: it reads the totals).
  const drained = [];
  for (const name of DEVICES) drained.push(await finalCheck(name, { dir, url: serverUrl, base }));

  const view = await api(serverUrl, `/v1/groups/${GROUP}`, { groupId: GROUP });
  assert.equal(view.status, 200);
  const held = new Map(view.json.totals.map((row) => [`${row.metric}/${row.bucket}`, row.value]));
  const expected = expectedTotals(base);
  let ownRecords = 0;
  for (const name of DEVICES) {
    const { totals, count } = ledgerOf(dir, name);
    ownRecords += count;
    for (const [key, value] of totals) expected.set(key, (expected.get(key) ?? 0) + value);
  }
  assert.deepEqual(held, expected, 'server totals = the sum of every record written');

  const db = new Database(path.join(serverDir, 'server.sqlite3'), { readonly: true });
  t.after(() => db.close());
  const stored = db.prepare('SELECT count(*) AS n FROM usage_records WHERE group_id = ?').get(GROUP).n;
  const lost = DEVICES.length * COUNT + ownRecords - stored;
  assert.equal(lost, 0, 'no record lost');
  for (const [i, outcome] of drained.entries()) {
    assert.equal(outcome.status.pendingCount, 0, `${DEVICES[i]} drained`);
    assert.equal(outcome.status.deadLetterCount, 0, `${DEVICES[i]} parked nothing`);
    assert.equal(outcome.quotas.quotas.users.current, held.get('users/0'), `${DEVICES[i]} counts every device's users`);
  }
  let chunks = 0;
  for (const [i, outcome] of drained.entries()) chunks += checkArchive(DEVICES[i], outcome.archive, { dir, serverDir });
  const onServer = fs.readdirSync(path.join(serverDir, 'archives', GROUP)).filter((f) => !f.startsWith('.'));
  assert.equal(onServer.length, chunks, 'the server holds exactly the devices\' chunks');
  const faults = Object.entries(proxy.faults).map(([kind, n]) => `${kind}=${n}`).join(' ');
  console.log(`fault suite (seed ${seed}): records=${DEVICES.length * COUNT} (+${ownRecords} storage records of the events) devices=${DEVICES.length} kills=${stats.kills} ` +
    `requests=${proxy.requests} faults: ${faults} duplicates suppressed=${proxy.fates.duplicate} ` +
    `chunks delivered=${chunks} (from ${DEVICES.length} devices; chunk duplicates suppressed=${proxy.chunks.duplicate}) lost=${lost}`);
});
