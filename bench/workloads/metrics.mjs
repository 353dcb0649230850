// Workload "metrics": getCreatorStats and getGroupMetrics over 10,000 things, ~20,000
// connections and 1K / 100K / 1M events spread over 400 days (about 20 types, skewed actors and
// targets), with one new event written between calls so no cached answer serves a call;
// edgetally through its public Node API (wasm) next to the same definitions as plain SQL over
// the raw events (bench/peers/metrics-sql.mjs) in sql.js, @sqlite.org/sqlite-wasm and
// better-sqlite3, every answer compared equal first. Also times loading the events through
// logEvents (every aggregate maintained) and the peers' plain bulk load, and prints the bytes
// the aggregates add. Standalone: node bench/workloads/metrics.mjs [--sizes 1000,100000] [--calls 50]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { DRIVERS, setUpMetricsSql } from '../peers/metrics-sql.mjs';

const DAY = 86400000;
const THINGS = 10_000;
// Events per logEvents call while loading (each call is one transaction, like the peers' single
// load transaction; smaller calls pay SQLite's journal per call: see README "Metrics").
const LOG_CHUNK = 100_000;
const TYPES = ['view', 'view', 'view', 'view', 'like', 'like', 'comment', 'share', 'follow', 'unfollow',
  'payment', 'refund', 'click', 'signup', 'login', 'search', 'download', 'rate', 'bookmark', 'open',
  'scroll', 'purchase_started'];

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function makeThings(random) {
  const kinds = [['user', 2000], ['course', 3000], ['post', 2000], ['video', 2000], ['lesson', 1000]];
  const out = [];
  for (const [type, n] of kinds) {
    for (let i = 0; i < n; i++) out.push({ type, name: `${type} ${i}`, properties: { n: i, tag: 'x'.repeat(Math.floor(random() * 40)) } });
  }
  return out.slice(0, THINGS);
}

/** Zipf-ish pick of an index in [0, n): a few hot ones, a long tail. */
const skewed = (random, n) => Math.floor(n * random() ** 3);

function makeConnections(random, ids) {
  const users = ids.filter((t) => t.type === 'user'), content = ids.filter((t) => t.type !== 'user' && t.type !== 'lesson');
  const out = content.map((c) => ({ fromId: users[skewed(random, users.length)].id, toId: c.id, type: 'created' }));
  const seen = new Set(out.map((c) => `${c.fromId}.${c.toId}.${c.type}`));
  while (out.length < 20_000) {
    const from = ids[Math.floor(random() * ids.length)].id, to = ids[Math.floor(random() * ids.length)].id;
    const key = `${from}.${to}.related`;
    if (from !== to && !seen.has(key)) seen.add(key), out.push({ fromId: from, toId: to, type: 'related' });
  }
  return out;
}

function makeEvent(random, users, all, now) {
  const type = TYPES[Math.floor(random() * TYPES.length)];
  const e = { type, ts: now - Math.floor(random() * 400 * DAY) };
  if (random() < 0.9) e.actorId = users[skewed(random, users.length)].id;
  if (random() < 0.95) e.targetId = all[skewed(random, all.length)].id;
  if (type === 'payment' || type === 'refund') e.amount = 100 + Math.floor(random() * 9900);
  return e;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Times `calls` calls of fn(i) with write(i) untimed before each; returns {cold: the first
 * call's ms, warm: the median ms of the others}.
 */
async function timeCalls(calls, write, fn) {
  const ms = [];
  for (let i = 0; i < calls; i++) {
    await write(i);
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  return { cold: ms[0], warm: median(ms.slice(1)) };
}

/**
 * The bytes the metric aggregates add at `n` events, from the native engine on the same data
 * shape (`profile_bench events`: the store's size after VACUUM with and without the aggregate
 * tables); null when the native build is not there.
 */
function aggregateBytes(n) {
  const binary = fileURLToPath(new URL('../../build/native/bench/core/profile_bench', import.meta.url));
  if (!fs.existsSync(binary)) return null;
  const out = execFileSync(binary, ['events', String(n)], { env: { ...process.env, CHUNK: String(LOG_CHUNK) }, encoding: 'utf8' });
  return JSON.parse(out.split('\n')[0]).aggregateBytes;
}

/** True when the peer's creator stats equal edgetally's for each of `ids`. */
async function sameCreators(store, peer, ids) {
  for (const id of ids) {
    const ours = (await store.getCreatorStats({ creatorId: id }))._computed;
    if (!isDeepStrictEqual(peer.getCreatorStats(id), ours)) return false;
  }
  return true;
}

async function setUpEdgetally(data) {
  const { open } = await import('../../js/index.node.js');
  const store = await open({ name: 'bench-metrics', storage: 'memory' });
  const { id: groupId } = await store.createGroup({ name: 'Bench', plan: 'enterprise' });
  const { created } = await store.batchInsertThings({ groupId, things: data.things });
  const ids = data.things.map((t, i) => ({ ...t, id: created[i] }));
  return { store, groupId, ids };
}

async function loadEdgetally(store, groupId, events) {
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += LOG_CHUNK) {
    const { failed } = await store.logEvents({ groupId, events: events.slice(i, i + LOG_CHUNK) });
    if (failed) throw new Error(`logEvents refused ${failed} events`);
  }
  return performance.now() - t0;
}

export async function runMetrics({ sizes = [1_000, 100_000, 1_000_000], calls = 50, log = console.error } = {}) {
  const rows = [];
  for (const n of sizes) {
    const random = rng(42 + n);
    const now = Date.now();
    const things = makeThings(random);
    const et = await setUpEdgetally({ things });
    const connections = makeConnections(random, et.ids);
    for (let i = 0; i < connections.length; i += 5000) {
      await et.store.batchCreateConnections({ groupId: et.groupId, connections: connections.slice(i, i + 5000) });
    }
    const users = et.ids.filter((t) => t.type === 'user');
    const events = Array.from({ length: n }, () => makeEvent(random, users, et.ids, now));
    log(`  metrics ${n}: loading`);
    const loadMs = await loadEdgetally(et.store, et.groupId, events);
    const creators = [...new Set(connections.filter((c) => c.type === 'created').map((c) => c.fromId))];
    const fresh = (i) => makeEvent(rng(i + 7), users, et.ids, Date.now());
    const row = { n, loadMs: { edgetally: loadMs }, creatorMs: {}, groupMs: {}, coldMs: {}, equal: {} };
    const record = (name, creator, group) => {
      row.creatorMs[name] = creator.warm, row.groupMs[name] = group.warm;
      row.coldMs[name] = { creator: creator.cold, group: group.cold };
    };
    // The engine clock is the real one: compare each peer with edgetally's answer of the same
    // moment (a peer's load takes long enough at 1M events for the windows to move).
    const answersNow = async () => ({
      creator: (await et.store.getCreatorStats({ creatorId: creators[0] }))._computed,
      group: (await et.store.getGroupMetrics({ groupId: et.groupId }))._computed,
    });
    const written = [];  // the events logged between timed calls: the peers get them too
    const write = async (i) => {
      const event = { ...fresh(i), ts: Date.now() };
      written.push(event);
      return et.store.logEvents({ groupId: et.groupId, events: [event] });
    };
    record('edgetally', await timeCalls(calls, write, (i) => et.store.getCreatorStats({ creatorId: creators[i % creators.length] })),
      await timeCalls(calls, write, () => et.store.getGroupMetrics({ groupId: et.groupId })));
    for (const [name, makeDriver] of Object.entries(DRIVERS)) {
      log(`  metrics ${n}: ${name}`);
      const driver = await makeDriver();
      const peer = setUpMetricsSql(driver, { groupId: et.groupId, things: et.ids, connections, events: events.concat(written) });
      row.loadMs[name] = peer.loadMs;
      const answers = await answersNow();
      const same = isDeepStrictEqual(peer.getCreatorStats(creators[0]), answers.creator) &&
        isDeepStrictEqual(peer.getGroupMetrics(), answers.group) &&
        (await sameCreators(et.store, peer, creators.slice(1, 20)));
      row.equal[name] = same;
      if (!same) log(`  ${name} differs: ${JSON.stringify(peer.getGroupMetrics())} vs ${JSON.stringify(answers.group)}`);
      const peerWrite = (i) => peer.logEvent({ ...fresh(i), ts: Date.now() });
      // The same creators in the same order as edgetally's calls (their costs differ widely);
      // group metrics cost every peer about the same each call, so fewer calls do there.
      const peerCalls = Math.max(5, Math.min(calls, Math.ceil(2_000_000 / n)));
      record(name, await timeCalls(calls, peerWrite, (i) => peer.getCreatorStats(creators[i % creators.length])),
        await timeCalls(peerCalls, peerWrite, () => peer.getGroupMetrics()));
      driver.close();
    }
    await et.store.close();
    if (n === Math.max(...sizes)) row.aggregateBytes = aggregateBytes(n);
    rows.push(row);
  }
  return rows;
}

export function printMetrics(rows) {
  const names = ['edgetally', ...Object.keys(DRIVERS)];
  const fmt = (ms) => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1));
  for (const [title, key] of [['getCreatorStats', 'creatorMs'], ['getGroupMetrics', 'groupMs'], ['load events', 'loadMs']]) {
    const what = key === 'loadMs' ? `whole load, logEvents calls of ${LOG_CHUNK.toLocaleString('en')} events` : 'warm median per call, one event written between calls';
    console.log(`\n${title} (ms, ${what})`);
    console.log(['events', ...names, ...names.slice(1).map((p) => `x vs ${p}`)].join('\t'));
    for (const row of rows) {
      const cells = names.map((name) => fmt(row[key][name]));
      const ratios = names.slice(1).map((name) => (row[key][name] / row[key].edgetally).toFixed(1));
      console.log([row.n, ...cells, ...ratios].join('\t'));
    }
  }
  const cold = (row, which) => names.map((name) => `${name} ${fmt(row.coldMs[name][which])}`).join(', ');
  for (const row of rows) console.log(`\ncold (first call) at ${row.n}: getCreatorStats ${cold(row, 'creator')}; getGroupMetrics ${cold(row, 'group')}`);
  for (const row of rows) {
    if (row.aggregateBytes === undefined) continue;
    const bytes = row.aggregateBytes === null ? 'not measured (no native build: scripts/build native)' : `${(row.aggregateBytes / 2 ** 20).toFixed(1)} MiB`;
    console.log(`aggregates add at ${row.n} events: ${bytes}`);
  }
  console.log(`\nanswers equal: ${rows.map((r) => `${r.n}: ${Object.entries(r.equal).map(([k, v]) => `${k}=${v}`).join(' ')}`).join('; ')}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, calls: { type: 'string' } } });
  const sizes = values.sizes ? values.sizes.split(',').map(Number) : undefined;
  const rows = await runMetrics({ sizes, calls: values.calls ? Number(values.calls) : 50 });
  printMetrics(rows);
}
