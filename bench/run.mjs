// The benchmark runner behind scripts/bench: runs every workload for edgetally and its peers
// side by side (insert things, batch connections, CSV import with its peak memory, a 1M-row CSV
// streamed from disk, open to first answer, shipped sizes, quota checks), prints
// plain-text tables and writes the same numbers to bench-results/latest.json, so claims about
// speed and size rest on one reproducible command. Run from the repo root (scripts/bench does
// that).
// Usage: node bench/run.mjs [--runs K] [--quick]
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runNodeScript } from './child.mjs';
import { PEERS } from './peers/index.mjs';
import { printCsvImport, printCsvStream } from './print-csv.mjs';
import { count, printBySize, printTable } from './report.mjs';
import { measureSizes } from './size.mjs';
import { median, ratio, round } from './stats.mjs';
import { timeBySize } from './timing.mjs';
import { runConnections } from './workloads/connections.mjs';
import { runCsvImport } from './workloads/csv-import.mjs';
import { runCsvMemory, runCsvStream } from './workloads/csv-memory.mjs';
import { makeThings, timeInsertOnce } from './workloads/insert-things.mjs';
import { printMetrics, runMetrics } from './workloads/metrics.mjs';
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
const STACKS = PEERS.map((peer) => peer.name);

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

/** Every peer's init() (its library loaded), by name. */
async function initPeers() {
  const contexts = new Map();
  for (const peer of PEERS) contexts.set(peer.name, await peer.init());
  return contexts;
}

/** [{n, runs, medianMs: {name -> ms}, runsMs: {name -> all runs}}] for every N. */
function runInsertThings(options, contexts) {
  return timeBySize({
    label: 'insert things',
    sizes: options.sizes,
    stacks: PEERS,
    runs: () => options.runs,
    makeInput: makeThings,
    timeOnce: (peer, things) => timeInsertOnce(peer, contexts.get(peer.name), things),
    progress,
  });
}

function coldStartOnce(name) {
  return runNodeScript(COLD_START_SCRIPT, [name]);
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
  printBySize(`insert things (median ms of ${runs} runs, lower is better)`, results, STACKS);
}

function printConnections(results) {
  const runs = results.map(({ n, runs }) => `${runs} runs at N = ${count(n)}`).join(' and ');
  const title = 'batch connections between existing things, one transaction ' +
    `(median ms of ${runs}; lower is better)`;
  printBySize(title, results, STACKS);
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
  const contexts = await initPeers();
  const insertThings = await runInsertThings(options, contexts);
  printInsertThings(insertThings, options.runs);
  const connections = await runConnections(options, contexts, progress);
  printConnections(connections);
  const csvImport = await runCsvImport(options, contexts, progress);
  const csvMemory = await runCsvMemory(options, progress);
  printCsvImport(csvImport, csvMemory);
  const csvStream = await runCsvStream(options, progress);
  printCsvStream(csvStream);
  const openToFirstAnswer = runColdStart(options);
  printColdStart(openToFirstAnswer, options.runs);
  const sizes = measureSizes();
  printSizes(sizes);
  const quotaChecks = await runQuotaChecks(options, progress);
  printQuotaChecks(quotaChecks);
  const metrics = await runMetrics({ sizes: options.quick ? [1_000, 100_000] : undefined, log: progress });
  printMetrics(metrics);
  const date = new Date().toISOString();
  const { runs, quick } = options;
  const sections = { insertThings, connections, csvImport, csvMemory, csvStream,
    openToFirstAnswer, sizes, quotaChecks, metrics };
  writeResults({ date, machine: host, runs, quick, ...sections });
  console.log(`results written to ${RESULTS_FILE}`);
}

await main();
