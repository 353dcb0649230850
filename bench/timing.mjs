// The timing loops every workload shares, so each stack is measured the same way: a warm-up run
// that is thrown away (JIT, wasm tiering, allocator), then K timed runs whose median the tables
// report, per input size and per stack.
import { median, round } from './stats.mjs';

/** Awaits fn() and returns {ms, value}. */
export async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** One warm-up call of once() (which returns ms), then `runs` calls; returns their ms. */
export async function repeat(once, runs) {
  await once();
  const times = [];
  for (let run = 0; run < runs; run++) times.push(await once());
  return times;
}

/**
 * For each size n: makeInput(n) once, then every stack timed with timeOnce(stack, input) -> ms.
 * Returns [{n, medianMs: {stack -> ms}, runsMs: {stack -> [ms]}}]; runs(n) gives the runs per n.
 */
export async function timeBySize({ label, sizes, stacks, runs, makeInput, timeOnce, progress }) {
  const results = [];
  for (const n of sizes) {
    const input = makeInput(n);
    const row = { n, runs: runs(n), medianMs: {}, runsMs: {} };
    for (const stack of stacks) {
      progress(`${label}: ${stack.name}, N = ${n}`);
      const times = await repeat(() => timeOnce(stack, input), row.runs);
      row.runsMs[stack.name] = times.map((ms) => round(ms, 2));
      row.medianMs[stack.name] = round(median(times), 2);
    }
    results.push(row);
  }
  return results;
}
