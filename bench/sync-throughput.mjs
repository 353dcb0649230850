// Sync throughput, end to end: usage records already in a device's outbox (a store on disk)
// go to the reference server (the CLI, its own process, on 127.0.0.1), are committed there and
// acknowledged back in the device's store. Reports records/s for the SQLite back end and, when
// PostgreSQL 15 is installed, for a cluster this script starts on a loopback port. A standalone
// script (bench/run.mjs is not touched):
//   node bench/sync-throughput.mjs [--records N] [--runs K] [--device-storage memory|node] [--profile DIR]
// --profile DIR writes the server process's CPU profile there (node --cpu-prof); profile the
// device side by running this script itself under node --cpu-prof.
// The server is the CLI with its defaults (SQLite: WAL, synchronous FULL) and 5,000-record batches.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { open } from '../js/index.node.js';
import { issueToken } from '../js/server/index.js';
import { startPostgres } from '../tests/sync/postgres.mjs';
import { startServerProcess } from '../tests/sync/server-process.mjs';

const SECRET = 'bench-secret-0123456789abcdef';
const { values } = parseArgs({ options: {
  records: { type: 'string', default: '50000' }, runs: { type: 'string', default: '3' },
  // The device's store: 'memory' (default) or 'node' (a file, one fsync per commit: filling the
  // outbox one recordUsage at a time then costs a sync per record, before the clock starts).
  'device-storage': { type: 'string', default: 'memory' },
  profile: { type: 'string' },
} });
const PROFILE_ARGS = values.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(values.profile)] : [];
const DEVICE_STORAGE = values['device-storage'];
const RECORDS = Number(values.records);
const RUNS = Number(values.runs);

// startPostgres registers its cleanup with t.after (node:test); here a plain list does.
const cleanups = [];
const t = { after: (fn) => cleanups.push(fn) };

// CPU ms a process has used (user + system), from /proc: the server's side of the cost per record,
// which unlike the wall time does not grow with what else runs on the machine.
function cpuMsOf(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 1/100 s on Linux
}
let serverPid = null;

function startServer(database, dir) {
  return startServerProcess({ database, archives: path.join(dir, 'archives'), secret: SECRET,
    track: (kill, child) => {
      cleanups.push(kill);
      serverPid = child.pid;
    },
    nodeArgs: PROFILE_ARGS, killSignal: values.profile ? 'SIGTERM' : 'SIGKILL',
    args: ['--max-batch-records', '10000', '--max-body-bytes', String(16 << 20)] });
}

async function oneRun(url, dir, run) {
  const store = await open({
    name: `bench-${run}`, path: dir, storage: DEVICE_STORAGE,
    sync: { url, getToken: async (g) => issueToken({ secret: SECRET, groupId: g, expiresInSeconds: 3600 }),
      intervalMs: 0, debounceMs: 600000, maxBatchRecords: 5000, maxBatchBytes: 8 << 20, maxInFlight: 2 },
  });
  const groupId = `bench-${run}-${Date.now()}`;
  await store.createGroup({ id: groupId, name: 'Bench', plan: 'enterprise' });
  for (let i = 0; i < RECORDS; i++) await store.recordUsage({ groupId, metric: 'api_calls_per_month', amount: 1 });
  const canReadCpu = fs.existsSync(`/proc/${serverPid}/stat`);
  const serverCpu0 = canReadCpu ? cpuMsOf(serverPid) : 0;
  const clientCpu0 = process.cpuUsage();
  const started = performance.now();
  const round = await store.sync();
  const seconds = (performance.now() - started) / 1000;
  const clientCpu = process.cpuUsage(clientCpu0);
  const cpu = { client: (clientCpu.user + clientCpu.system) / 1000, server: canReadCpu ? cpuMsOf(serverPid) - serverCpu0 : NaN };
  const status = await store.getSyncStatus();
  await store.close();
  if (round.error || status.pendingCount !== 0 || round.accepted !== RECORDS) throw new Error(`run failed: ${JSON.stringify(round)}`);
  return { rate: RECORDS / seconds, cpu };
}

async function measure(label, database, dir) {
  const url = await startServer(database, dir);
  const runs = [];
  for (let run = 0; run < RUNS; run++) runs.push(await oneRun(url, dir, run));
  runs.sort((a, b) => a.rate - b.rate);
  const { rate: median, cpu } = runs[Math.floor(runs.length / 2)];
  const perRecord = (ms) => `${((ms * 1000) / RECORDS).toFixed(1)} µs`;
  console.log(`${label.padEnd(12)} ${Math.round(median).toLocaleString('en-US').padStart(10)} records/s (median of ${RUNS}, ${RECORDS.toLocaleString('en-US')} records each; runs: ${runs.map((r) => Math.round(r.rate)).join(', ')})` +
    `; CPU per record in the median run: device ${perRecord(cpu.client)}, server ${perRecord(cpu.server)}`);
  return { recordsPerSecond: median, cpuMs: cpu };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgetally-sync-bench-'));
try {
  console.log(`sync throughput, outbox -> server commit -> acknowledgement; device store: ${DEVICE_STORAGE}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${os.cpus().length} cores`);
  const results = { sqlite: await measure('sqlite', path.join(dir, 'server.sqlite3'), dir) };
  if (fs.existsSync('/usr/lib/postgresql/15/bin/initdb')) results.postgres = await measure('postgresql', await startPostgres(t), dir);
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync('bench-results/sync-throughput.json', JSON.stringify({ records: RECORDS, runs: RUNS, deviceStorage: DEVICE_STORAGE, loadavg: os.loadavg(), results }, null, 2));
} finally {
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch {
      // best effort
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
