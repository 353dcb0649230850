// Workload "quota checks": the latency of getGroupQuotas and checkCanCreateEntities({count: 10})
// for a 'pro' group holding 10,000 things (its entities limit) and N usage records of one API
// call each, spread over the current month. Measured four ways, so the engine's own cost, the
// cost of the JS boundary and what plain SQL would cost are side by side: inside the engine
// (the bench/core/quota_bench executables, wasm under Node and native), through edgetally's
// public Node API, and the same computation in SQL on sql.js and on better-sqlite3
// (bench/peers/quota-sql.mjs). Every stack's answers are checked before it is timed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { PEERS_BY_NAME } from '../peers/index.mjs';
import { monthBounds, setUpQuotaSql } from '../peers/quota-sql.mjs';
import { median, round } from '../stats.mjs';
import { PEER_GROUP_ID, makeThings } from './insert-things.mjs';

export const QUOTA_THINGS = 10_000;
export const QUOTA_CALLS = ['getGroupQuotas', 'checkCanCreateEntities'];
const CHECK_COUNT = 10;
const RECORD_CHUNK = 1_000;
const ENGINE_BATCHES = 7; // as in bench/core/quota_bench.cpp

// Per mode: usage records, calls per batch inside the engine (7 batches there), and for the JS
// stacks warm-up calls, batches, and a batch size that fits batchMs (within min/maxCalls): the
// plain-SQL peers take milliseconds per call where the API takes microseconds.
const PLANS = {
  full: { records: 100_000, engineCalls: 20_000, warmup: 200, batches: 5,
    minCalls: 20, maxCalls: 2_000, batchMs: 400 },
  quick: { records: 10_000, engineCalls: 2_000, warmup: 50, batches: 3,
    minCalls: 10, maxCalls: 500, batchMs: 100 },
};

const ENGINES = [
  { column: 'engine(wasm)', file: 'build/wasm/bench/core/quota_bench.cjs',
    build: 'scripts/build wasm' },
  { column: 'engine(native)', file: 'build/native/bench/core/quota_bench',
    build: 'scripts/build native' },
];
export const QUOTA_WASM_COLUMN = ENGINES[0].column;
export const QUOTA_API_COLUMN = 'edgetally API';
export const QUOTA_SQL_PEERS = ['sql.js', 'better-sqlite3'];
export const QUOTA_COLUMNS = [
  ...ENGINES.map((engine) => engine.column),
  QUOTA_API_COLUMN,
  ...QUOTA_SQL_PEERS,
];

/** One engine executable's {call -> {us, calls}}, or null when it is not built. */
function runEngine({ file }, plan) {
  if (!fs.existsSync(file)) return null;
  const args = [String(plan.records), String(plan.engineCalls)];
  const [command, argv] = file.endsWith('.cjs')
    ? [process.execPath, ['--no-experimental-fetch', file, ...args]]
    : [file, args];
  const stdio = ['ignore', 'pipe', 'pipe']; // on failure the thrown error carries stderr
  const output = execFileSync(command, argv, { encoding: 'utf8', stdio });
  const line = JSON.parse(output.trim().split('\n').at(-1));
  return Object.fromEntries(
    QUOTA_CALLS.map((call) => [call, { us: line[`${call}_us`], calls: plan.engineCalls }]),
  );
}

/** `records` timestamps spread evenly from the start of the current UTC month to `now`. */
function spreadOverMonth(records, now) {
  const { start } = monthBounds(now);
  const span = now - start;
  return Array.from({ length: records }, (_, i) => start + Math.floor((span * i) / records));
}

async function setUpApi(things, timestamps) {
  const { open } = await PEERS_BY_NAME.get('edgetally').init();
  const store = await open({ name: 'bench', storage: 'memory' });
  const { id: groupId } = await store.createGroup({ name: 'Bench', plan: 'pro' });
  await store.batchInsertThings({ groupId, things });
  const metric = 'api_calls_per_month';
  for (let i = 0; i < timestamps.length; i += RECORD_CHUNK) {
    const chunk = timestamps.slice(i, i + RECORD_CHUNK);
    const record = (timestamp) => store.recordUsage({ groupId, metric, amount: 1, timestamp });
    await Promise.all(chunk.map(record));
  }
  return { client: store, groupId, close: () => store.close() };
}

async function setUpSql(name, things, timestamps) {
  const peer = PEERS_BY_NAME.get(name);
  const db = await peer.fresh(await peer.init());
  await peer.insert(db, things);
  const client = setUpQuotaSql(peer, db, { groupId: PEER_GROUP_ID, timestamps });
  return { client, groupId: PEER_GROUP_ID, close: () => peer.close(db) };
}

/** µs per call over `calls` calls; awaits only calls that return a promise. */
async function microsPerCall(call, calls) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) {
    const answer = call();
    if (answer instanceof Promise) await answer;
  }
  return ((performance.now() - start) * 1000) / calls;
}

/** The median µs per call of plan.batches batches, sized from the warm-up's speed. */
async function time(call, plan) {
  const warmUs = await microsPerCall(call, plan.warmup);
  const fit = Math.round((plan.batchMs * 1000) / warmUs);
  const calls = Math.min(plan.maxCalls, Math.max(plan.minCalls, fit));
  const perCall = [];
  for (let batch = 0; batch < plan.batches; batch++) perCall.push(await microsPerCall(call, calls));
  return { us: round(median(perCall), 2), calls };
}

async function verify(column, calls, records) {
  const { quotas } = await calls.getGroupQuotas();
  const { canCreate } = await calls.checkCanCreateEntities();
  const got = [quotas.api_calls_per_month.current, quotas.entities_total.current, canCreate];
  const want = [records, QUOTA_THINGS, false];
  if (got.some((value, i) => value !== want[i])) {
    throw new Error(`${column}: quota checks answered ${got}, expected ${want}`);
  }
}

/** {call -> {us, calls}} for one set-up stack, after checking its answers. */
async function timeStack(column, { client, groupId }, plan) {
  const calls = {
    getGroupQuotas: () => client.getGroupQuotas({ groupId }),
    checkCanCreateEntities: () => client.checkCanCreateEntities({ groupId, count: CHECK_COUNT }),
  };
  await verify(column, calls, plan.records);
  const timed = {};
  for (const call of QUOTA_CALLS) timed[call] = await time(calls[call], plan);
  return timed;
}

function record(results, column, timed) {
  for (const call of QUOTA_CALLS) {
    results.medianUs[call][column] = timed ? timed[call].us : null;
    results.callsPerBatch[call][column] = timed ? timed[call].calls : null;
  }
}

function runEngines(results, plan, progress) {
  for (const engine of ENGINES) {
    progress(`quota checks: ${engine.column}`);
    const timed = runEngine(engine, plan);
    if (!timed) {
      results.missing.push(
        `${engine.column}: n/a, ${engine.file} is missing (build it: ${engine.build})`,
      );
    }
    record(results, engine.column, timed);
  }
}

async function runJsStacks(results, plan, progress) {
  const things = makeThings(QUOTA_THINGS);
  const timestamps = spreadOverMonth(plan.records, Date.now());
  const stacks = [
    [QUOTA_API_COLUMN, () => setUpApi(things, timestamps)],
    ...QUOTA_SQL_PEERS.map((name) => [name, () => setUpSql(name, things, timestamps)]),
  ];
  for (const [column, setUp] of stacks) {
    progress(`quota checks: ${column} (set-up: ${plan.records} usage records)`);
    const stack = await setUp();
    record(results, column, await timeStack(column, stack, plan));
    await stack.close();
  }
}

/**
 * Runs the workload on every stack. Returns {things, records, checkCount, engineCalls,
 * engineBatches, batches, medianUs: {call -> {column -> µs | null}}, callsPerBatch, missing}.
 */
export async function runQuotaChecks({ quick }, progress) {
  const plan = quick ? PLANS.quick : PLANS.full;
  const results = {
    things: QUOTA_THINGS,
    records: plan.records,
    checkCount: CHECK_COUNT,
    engineCalls: plan.engineCalls,
    engineBatches: ENGINE_BATCHES,
    batches: plan.batches,
    medianUs: Object.fromEntries(QUOTA_CALLS.map((call) => [call, {}])),
    callsPerBatch: Object.fromEntries(QUOTA_CALLS.map((call) => [call, {}])),
    missing: [],
  };
  runEngines(results, plan, progress);
  await runJsStacks(results, plan, progress);
  return results;
}
