// The benchmark runner behind scripts/bench: runs every workload for edgetally and its peers
// side by side (insert things, open to first answer, shipped sizes, quota checks), prints
// plain-text tables and writes the same numbers to bench-results/latest.json, so claims about
// speed and size rest on one reproducible command. Run from the repo root (scripts/bench does
// that).
// Usage: node bench/run.mjs [--runs K] [--quick]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PEERS } from './peers/index.mjs';
import { printTable } from './report.mjs';
import { measureSizes } from './size.mjs';
import { median, ratio, round } from './stats.mjs';
import { makeThings, timeInsert } from './workloads/insert-things.mjs';
import {
  QUOTA_API_COLUMN,
  QUOTA_CALLS,
  QUOTA_COLUMNS,
  QUOTA_SQL_PEERS,
  QUOTA_WASM_COLUMN,
  runQuotaChecks,
} from './workloads/quota-checks.mjs';

const COLD_START_SCRIPT = fileURLToPath(new URL('./cold-start.mjs', import.meta.url));
const RESULTS_FILE = 'bench-results/latest.json';
const [EDGETALLY, ...OTHERS] = PEERS;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { runs: { type: 'string' }, quick: { type: 'boolean', default: false } },
  });
  const runs = values.runs === undefined ? (values.quick ? 3 : 5) : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs wants a positive integer');
  return { runs, quick: values.quick, sizes: values.quick ? [10_000] : [10_000, 100_000] };
}

function progress(message) {
  process.stderr.write(`  ${message}\n`);
}

/** {name -> median ms} plus {name -> all runs} for every N. */
async function runInsertThings(options) {
  const contexts = new Map();
  for (const peer of PEERS) contexts.set(peer.name, await peer.init());
  const results = [];
  for (const n of options.sizes) {
    const things = makeThings(n);
    const row = { n, medianMs: {}, runsMs: {} };
    for (const peer of PEERS) {
      progress(`insert things: ${peer.name}, N = ${n}`);
      const times = await timeInsert(peer, contexts.get(peer.name), things, options.runs);
      row.runsMs[peer.name] = times.map((ms) => round(ms, 2));
      row.medianMs[peer.name] = round(median(times), 2);
    }
    results.push(row);
  }
  return results;
}

function coldStartOnce(name) {
  const output = execFileSync(process.execPath, [COLD_START_SCRIPT, name], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'], // on failure the thrown error carries stderr
  });
  return JSON.parse(output.trim().split('\n').at(-1));
}

/** One fresh process as warm-up (file cache), then `runs` fresh processes per stack. */
function runColdStart(options) {
  return PEERS.map(({ name }) => {
    progress(`open to first answer: ${name}`);
    const { sqliteVersion } = coldStartOnce(name);
    const times = Array.from({ length: options.runs }, () => coldStartOnce(name).ms);
    const runsMs = times.map((ms) => round(ms, 2));
    return { name, sqliteVersion, medianMs: round(median(times), 2), runsMs };
  });
}

function printInsertThings(results, runs) {
  const headers = ['N', ...PEERS.map((p) => p.name), ...OTHERS.map((p) => `et/${p.name}`)];
  const rows = results.map(({ n, medianMs }) => [
    n,
    ...PEERS.map((p) => round(medianMs[p.name]).toFixed(1)),
    ...OTHERS.map((p) => ratio(medianMs[EDGETALLY.name], medianMs[p.name]).toFixed(2)),
  ]);
  printTable(`insert things (median ms of ${runs} runs, lower is better)`, headers, rows);
}

function printColdStart(results, runs) {
  const edgetallyMs = results[0].medianMs;
  const rows = results.map(({ name, sqliteVersion, medianMs }) => [
    name, round(medianMs).toFixed(1), ratio(edgetallyMs, medianMs).toFixed(2), sqliteVersion,
  ]);
  printTable(
    `open to first answer (fresh node process, median ms of ${runs} runs, lower is better)`,
    ['stack', 'ms', 'et/stack', 'SQLite'],
    rows,
  );
}

function printSizes(results) {
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  const edgetallyGzip = results[0].gzipBytes;
  const rows = results.map(({ name, files, rawBytes, gzipBytes }) => [
    name, kb(rawBytes), kb(gzipBytes), ratio(edgetallyGzip, gzipBytes).toFixed(2), files.length,
  ]);
  printTable(
    'shipped size for a browser (wasm + JS, KB; gzip -9 per file; better-sqlite3 is native)',
    ['stack', 'raw KB', 'gzip KB', 'et/stack (gzip)', 'files'],
    rows,
  );
}

// The goals per quota check: inside the shipped (wasm) engine, and through the API.
const QUOTA_GOALS = { engine: [QUOTA_WASM_COLUMN, 10], API: [QUOTA_API_COLUMN, 100] };

/** "engine < 10 µs (met), API < 100 µs (missed)" for one call's medians. */
function quotaGoals(medianUs) {
  return Object.entries(QUOTA_GOALS)
    .map(([label, [column, goalUs]]) => {
      const us = medianUs[column];
      const verdict = us === null ? 'n/a' : us < goalUs ? 'met' : 'missed';
      return `${label} < ${goalUs} µs (${verdict})`;
    })
    .join(', ');
}

function quotaRow(call, medianUs) {
  const us = (value) => (value === null ? 'n/a' : value.toFixed(2));
  const apiUs = medianUs[QUOTA_API_COLUMN];
  return [
    call,
    ...QUOTA_COLUMNS.map((column) => us(medianUs[column])),
    // two significant digits: these ratios are far below 1 (0.0055, not 0.01)
    ...QUOTA_SQL_PEERS.map((peer) => (apiUs / medianUs[peer]).toPrecision(2)),
    quotaGoals(medianUs),
  ];
}

function printQuotaChecks({ things, records, medianUs, missing }) {
  const count = (n) => n.toLocaleString('en-US');
  printTable(
    `quota checks with ${count(things)} things and ${count(records)} usage records ` +
      '(median µs per call, lower is better)',
    ['call', ...QUOTA_COLUMNS, ...QUOTA_SQL_PEERS.map((peer) => `API/${peer}`), 'goal'],
    QUOTA_CALLS.map((call) => quotaRow(call, medianUs[call])),
  );
  for (const note of missing) console.log(`${note}\n`);
}

function machine() {
  return { node: process.version, cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length };
}

function writeResults(results) {
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
}

function parseOptionsOrExit(argv) {
  try {
    return parseOptions(argv);
  } catch (error) {
    console.error(`bench: ${error.message}\nusage: scripts/bench [--runs K] [--quick]`);
    process.exit(2);
  }
}

async function main() {
  const options = parseOptionsOrExit(process.argv.slice(2));
  const host = machine();
  console.log(`edgetally bench: Node ${host.node}, ${host.cpu} (${host.cores} cores)\n`);
  const insertThings = await runInsertThings(options);
  printInsertThings(insertThings, options.runs);
  const openToFirstAnswer = runColdStart(options);
  printColdStart(openToFirstAnswer, options.runs);
  const sizes = measureSizes();
  printSizes(sizes);
  const quotaChecks = await runQuotaChecks(options, progress);
  printQuotaChecks(quotaChecks);
  const date = new Date().toISOString();
  const { runs, quick } = options;
  const sections = { insertThings, openToFirstAnswer, sizes, quotaChecks };
  writeResults({ date, machine: host, runs, quick, ...sections });
  console.log(`results written to ${RESULTS_FILE}`);
}

await main();
