// Call-path probe: the fixed cost of one call through the public Node API (in-thread engine,
// memory store), in CPU microseconds so a busy machine skews it less: getThing, a kept quota
// read, a usage write, and the quota check after a write (status of every metric + "can I
// create 10", as the quota-checks-after-write workload asks). Each figure: the first call
// (cold, wall µs) and the median CPU µs of 5 rounds of `calls` (warm). Prints one JSON line per
// figure, with the load average beside it.
// Usage: node bench/call-path.mjs [calls per round, default 2000]
import os from 'node:os';
import { open } from '../js/index.node.js';

const calls = Number(process.argv[2] ?? 2000);
const store = await open({ name: 'call-path', storage: 'memory' });
const { id: groupId } = await store.createGroup({ name: 'Probe', plan: 'pro' });
const things = Array.from({ length: 1000 }, (_, i) => ({ type: 'course', name: `Course ${i}`, properties: { price: i } }));
const { created } = await store.batchInsertThings({ groupId, things });
const thingId = created[0];
const usage = { groupId, metric: 'api_calls_per_month', amount: 1 };

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

async function probe(name, call) {
  const t0 = performance.now();
  await call();
  const cold = (performance.now() - t0) * 1000;
  for (let i = 0; i < 200; i++) await call();
  const rounds = [];
  for (let r = 0; r < 5; r++) {
    const c0 = cpuMicros();
    for (let i = 0; i < calls; i++) await call();
    rounds.push((cpuMicros() - c0) / calls);
  }
  rounds.sort((a, b) => a - b);
  const round = (x) => Math.round(x * 100) / 100;
  console.log(JSON.stringify({ name, coldWallUs: round(cold), warmCpuUs: round(rounds[2]), minCpuUs: round(rounds[0]), load: os.loadavg()[0] }));
}

await probe('getThing', () => store.getThing({ thingId }));
await probe('getGroupQuotas (kept answer)', () => store.getGroupQuotas({ groupId }));
await probe('recordUsage', () => store.recordUsage(usage));
await probe('recordUsage + getGroupQuotas + checkCanCreateEntities', async () => {
  await store.recordUsage(usage);
  await store.getGroupQuotas({ groupId });
  await store.checkCanCreateEntities({ groupId, count: 10 });
});
await store.close();
