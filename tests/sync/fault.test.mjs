// The sync fault suite (issue 11, "Done when"): three devices of one group, each a child process
// writing 1,200 usage records while syncing through a proxy that drops requests, drops replies
// after the server committed, delays, answers 500/429/401 and resets connections; each device is
// SIGKILLed at random points and restarted on the same files until it drains. Then the server's
// totals must equal the sum of every record written, exactly (no loss, no double count), and
// dozens of archive chunks PUT through the same proxy must be on the server byte for byte.
// Prints records, faults by kind, duplicates suppressed, and lost.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import test from 'node:test';
import Database from 'better-sqlite3';
import { SECRET, api, spawnChild, startServer, tempDir, token } from './helpers.mjs';
import { FAULTS, FaultProxy } from './proxy.mjs';

const DEVICES = ['dev-a', 'dev-b', 'dev-c'];
const COUNT = 1200;
const GROUP = 'acme';
const MAX_KILLS = 3;

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

// Runs one device until it drains, SIGKILLing it at random output lines up to MAX_KILLS times.
async function runDevice(name, { dir, url, rng, base, stats }) {
  for (let launch = 0; ; launch++) {
    const killAt = launch < MAX_KILLS ? 1 + Math.floor(rng() * 28) : Infinity;
    let lines = 0;
    let drained = null;
    const child = spawnChild('device.mjs', [dir, name, GROUP, url, String(COUNT)], (line) => {
      if (line.startsWith('drained ')) drained = JSON.parse(line.slice(8));
      if (++lines === killAt) setTimeout(() => child.kill('SIGKILL'), Math.floor(rng() * 40));
    }, { EDGETALLY_TEST_SECRET: SECRET, EDGETALLY_TEST_BASE_TS: String(base) });
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
  }, { EDGETALLY_TEST_SECRET: SECRET, EDGETALLY_TEST_BASE_TS: String(base) });
  return child.exited.then(({ code }) => {
    assert.equal(code, 0, `final check of ${name}`);
    return drained;
  });
}

async function putChunks(url, count) {
  const chunks = [];
  for (let i = 0; i < count; i++) {
    const lines = Array.from({ length: 20 + i }, (_, j) => JSON.stringify({ id: j, type: 'thing_created', ts: 1000 * i + j, pad: randomBytes(8).toString('hex') }));
    const bytes = gzipSync(lines.join('\n') + '\n');
    chunks.push({ bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  let attempts = 0;
  for (const chunk of chunks) {
    for (;;) {
      attempts++;
      const outcome = await fetch(`${url}/v1/groups/${GROUP}/archives/${chunk.sha256}`, {
        method: 'PUT', body: chunk.bytes, headers: { authorization: `Bearer ${token(GROUP)}`, 'content-type': 'application/gzip' },
      }).then((r) => r.status, () => 0);
      if (outcome === 200 || outcome === 201) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  return { chunks, attempts };
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
  const { chunks, attempts } = await putChunks(proxy.url, 36);

  const view = await api(serverUrl, `/v1/groups/${GROUP}`, { groupId: GROUP });
  assert.equal(view.status, 200);
  const held = new Map(view.json.totals.map((row) => [`${row.metric}/${row.bucket}`, row.value]));
  assert.deepEqual(held, expectedTotals(base), 'server totals = the sum of every record written');

  const db = new Database(path.join(serverDir, 'server.sqlite3'), { readonly: true });
  t.after(() => db.close());
  const stored = db.prepare('SELECT count(*) AS n FROM usage_records WHERE group_id = ?').get(GROUP).n;
  const lost = DEVICES.length * COUNT - stored;
  assert.equal(lost, 0, 'no record lost');
  for (const [i, outcome] of drained.entries()) {
    assert.equal(outcome.status.pendingCount, 0, `${DEVICES[i]} drained`);
    assert.equal(outcome.status.deadLetterCount, 0, `${DEVICES[i]} parked nothing`);
    assert.equal(outcome.quotas.quotas.users.current, held.get('users/0'), `${DEVICES[i]} counts every device's users`);
  }
  for (const chunk of chunks) {
    const got = await fetch(`${serverUrl}/v1/groups/${GROUP}/archives/${chunk.sha256}`, { headers: { authorization: `Bearer ${token(GROUP)}` } });
    assert.equal(got.status, 200);
    assert.ok(Buffer.from(await got.arrayBuffer()).equals(chunk.bytes), 'chunk byte-identical on the server');
  }
  const faults = Object.entries(proxy.faults).map(([kind, n]) => `${kind}=${n}`).join(' ');
  console.log(`fault suite (seed ${seed}): records=${DEVICES.length * COUNT} devices=${DEVICES.length} kills=${stats.kills} ` +
    `requests=${proxy.requests} faults: ${faults} duplicates suppressed=${proxy.fates.duplicate} ` +
    `chunks=${chunks.length} (puts=${attempts}) lost=${lost}`);
});
