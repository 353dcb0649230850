// The benchmark runner behind scripts/bench: every workload of bench/workloads/index.mjs for
// every stack it names, each (workload, size, stack) in a fresh node process, printed as one
// table per workload and size: cold, warm, their ratio, edgetally/stack ratios, peak RSS, and
// whether the stack's answer (counts, ids) matched edgetally's, with the goals judged
// under it. Then open() to first answer, the download per file, and a 1M-row CSV streamed
// from disk. Writes the same numbers to bench-results/latest.json.
// Usage: node bench/run.mjs [--runs K] [--quick] [--only workload,...]
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runNodeScript } from './child.mjs';
import { printColdStart, printCsvStream, printSizes, printWorkload } from './print.mjs';
import { PEERS } from './peers/index.mjs';
import { measureSizes } from './size.mjs';
import { median, round } from './stats.mjs';
import { writeCsvFile } from './workloads/csv-data.mjs';
import { checkImport } from './workloads/csv-import.mjs';
import { WORKLOADS } from './workloads/index.mjs';
import { printMetrics, runMetrics } from './workloads/metrics.mjs';
import { printArchival, runArchival } from './workloads/archival.mjs';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const CHILD = here('./workload-child.mjs');
const COLD_START = here('./cold-start.mjs');
const STREAM_CHILD = here('./import-child.mjs');
const RESULTS_FILE = 'bench-results/latest.json';
const STREAM_ROWS = 1_000_000;

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { runs: { type: 'string' }, quick: { type: 'boolean', default: false }, only: { type: 'string' } },
  });
  const runs = values.runs === undefined ? (values.quick ? 3 : 5) : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs wants a positive integer');
  const only = values.only ? values.only.split(',') : null;
  const known = new Set([...WORKLOADS.map((workload) => workload.name), 'metrics', 'archival', 'browser']);
  for (const name of only ?? []) if (!known.has(name)) throw new Error(`unknown workload '${name}' (${[...known].join(', ')})`);
  return { runs, quick: values.quick, only };
}

const progress = (message) => process.stderr.write(`  ${message}\n`);

/** {n, runs, stacks: {label -> child result}} for one workload and size. */
function runTable(workload, n, options) {
  const runs = workload.runs(options, n);
  const stacks = {};
  for (const label of workload.stacks()) {
    progress(`${workload.name}: ${label}, N = ${n} (fresh process, ${runs} runs)`);
    stacks[label] = runNodeScript(CHILD, [workload.name, label, String(n), String(runs)]);
  }
  return { n, runs, stacks };
}

function runWorkloads(options) {
  const results = {};
  for (const workload of WORKLOADS) {
    if (options.only && !options.only.includes(workload.name)) continue;
    results[workload.name] = workload.sizes(options).map((n) => {
      const table = runTable(workload, n, options);
      printWorkload(workload, table);
      return table;
    });
  }
  return results;
}

/** One fresh process as warm-up (file cache), then `runs` fresh processes per stack. */
function runColdStart({ runs }) {
  return PEERS.map(({ name }) => {
    progress(`open to first answer: ${name}`);
    const { sqliteVersion } = runNodeScript(COLD_START, [name]);
    const times = Array.from({ length: runs }, () => runNodeScript(COLD_START, [name]).ms);
    return { name, sqliteVersion, medianMs: round(median(times), 2), runsMs: times.map((ms) => round(ms, 2)) };
  });
}

async function withTempDir(work) {
  const dir = fs.mkdtempSync(`${os.tmpdir()}/edgetally-bench-`);
  try {
    return await work(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The 1M-row CSV streamed from disk into a store on disk (fresh process), or {skipped}. */
function runCsvStream({ quick, only }) {
  if (quick || only) return { rows: STREAM_ROWS, skipped: quick ? '--quick' : '--only' };
  return withTempDir(async (dir) => {
    progress(`1M-row CSV: writing ${STREAM_ROWS} rows, then importing into a store on disk`);
    const csvPath = `${dir}/import.csv`;
    await writeCsvFile(csvPath, STREAM_ROWS);
    const result = runNodeScript(STREAM_CHILD, [csvPath, `${dir}/store`]);
    checkImport('edgetally', result, STREAM_ROWS);
    return { rows: STREAM_ROWS, fileBytes: fs.statSync(csvPath).size, ...result };
  });
}

function machine() {
  const load = os.loadavg().map((value) => value.toFixed(2)).join(' ');
  return { node: process.version, cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, load };
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${error.message}\nusage: scripts/bench [--runs K] [--quick] [--only workload,...]`);
    process.exit(2);
  }
  const host = machine();
  console.log(`edgetally bench: Node ${host.node}, ${host.cpu} (${host.cores} cores), load ${host.load}`);
  console.log('cold: the first run in a fresh process; warm: median of the runs after a warm-up; ' +
    'RSS: the process peak\n');
  const workloads = runWorkloads(options);
  const openToFirstAnswer = options.only ? [] : runColdStart(options);
  if (openToFirstAnswer.length) printColdStart(openToFirstAnswer, options.runs);
  const sizes = measureSizes();
  printSizes(sizes);
  const csvStream = await runCsvStream(options);
  printCsvStream(csvStream);
  const metrics = options.only && !options.only.includes('metrics') ? []
    : await runMetrics({ sizes: options.quick ? [1_000, 100_000] : undefined, log: progress });
  if (metrics.length) printMetrics(metrics);
  const archival = options.only && !options.only.includes('archival') ? null
    : await runArchival({ events: options.quick ? 100_000 : 1_000_000, log: progress });
  if (archival) printArchival(archival);
  const endLoad = os.loadavg().map((value) => value.toFixed(2)).join(' ');
  console.log(`load at the end: ${endLoad}`);
  fs.mkdirSync('bench-results', { recursive: true });
  const results = { date: new Date().toISOString(), machine: host, endLoad, ...options, workloads, openToFirstAnswer, sizes, csvStream, metrics, archival };
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`results written to ${RESULTS_FILE}`);
}

await main();
