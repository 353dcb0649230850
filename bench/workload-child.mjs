// Runs one workload for one stack at one size in this fresh node process (started by
// bench/run.mjs through bench/child.mjs) and prints one JSON line: the cold time (the first
// run in the process: what a page waits for), the warm runs after one thrown-away warm-up and
// their median, maxRSS (KB) after set-up and at the end (the peak), and the digest of the
// answers (counts, ids) to compare across stacks. Times are per operation when run() answers
// {ops} (ms; the runner shows µs for such workloads).
// Usage: node bench/workload-child.mjs <workload> <stack> <n> <runs>
import { median } from './stats.mjs';
import { WORKLOADS_BY_NAME } from './workloads/index.mjs';

const [workloadName, stack, nText, runsText] = process.argv.slice(2);
const workload = WORKLOADS_BY_NAME.get(workloadName);
if (!workload || !stack || !(Number(nText) > 0) || !(Number(runsText) > 0)) {
  console.error('usage: node bench/workload-child.mjs <workload> <stack> <n> <runs>');
  process.exit(2);
}

const maxRssKB = () => process.resourceUsage().maxRSS;

/** One run: before (untimed), run (timed), after (untimed); {ms per op, digest}. */
async function once(state, cold) {
  const ctx = await workload.before(state);
  const start = performance.now();
  const output = await workload.run(state, ctx, { cold });
  const ms = performance.now() - start;
  const digest = await workload.after(state, ctx, output);
  return { ms: ms / (output?.ops ?? 1), digest: JSON.stringify(digest) };
}

const state = await workload.setUp(stack, Number(nText));
const setUpKB = maxRssKB();
const cold = await once(state, true);
await once(state, false); // warm-up, thrown away
const warm = [];
for (let i = 0; i < Number(runsText); i++) {
  const { ms, digest } = await once(state, false);
  if (digest !== cold.digest) throw new Error(`${stack}: run ${i} answered ${digest}, the first ${cold.digest}`);
  warm.push(ms);
}
console.log(JSON.stringify({
  coldMs: cold.ms, warmMs: median(warm), runsMs: warm, setUpKB, peakKB: maxRssKB(), digest: JSON.parse(cold.digest),
}));
