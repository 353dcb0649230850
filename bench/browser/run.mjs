// The browser bench: in Debian's Chromium with a persistent profile (so OPFS and IndexedDB are
// the real on-disk paths), 100,000 things inserted and the 100,000-row CSV imported by
// edgetally (durable on OPFS, and on its IndexedDB backend where built) next to Dexie bulkAdd
// on IndexedDB (durable) and sql.js in memory: the same data, checks and answers (new ids).
// Cold is the first run in a fresh page; warm the median of the runs after it. Then page load
// to the first answered query: cold (the first new browser on the profile), warm (the median
// of the new browsers after it: HTTP and disk caches warm, a new renderer process each time)
// and reload (the median of reloads of one page in the last browser: its memory caches warm),
// driven by Playwright and then again with no driver attached (direct.mjs: Playwright holds every
// new worker paused until it has attached to it, which no user's browser does).
// Usage: node bench/browser/run.mjs [--runs K] [--quick] [--first-answer]   (scripts/bench runs it
// after the Node bench; --first-answer: only the page load, on a store the insert makes untimed)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../scripts/lib/static-server.mjs';
import { launchChromiumContext } from '../../tests/e2e/engines.mjs';
import { firstAnswerDirect, reportRoute } from './direct.mjs';
import { median, ratio, round } from '../stats.mjs';
import { makeCsvText } from '../workloads/csv-data.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const launchPersistent = launchChromiumContext;

async function openPage(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.ready === true);
  return page;
}
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
if (only && !only.includes('browser')) process.exit(0); // scripts/bench --only names the Node workloads
const quick = args.includes('--quick');
const firstAnswerOnly = args.includes('--first-answer');
const runs = Number(args[args.indexOf('--runs') + 1]) || (quick ? 2 : 3);
const N = quick ? 10_000 : 100_000;
const STACKS = ['edgetally', 'edgetally-idb', 'dexie', 'sql.js'];
const LABELS = { edgetally: 'edgetally (OPFS)', 'edgetally-idb': 'edgetally (IndexedDB)', dexie: 'Dexie bulkAdd (IndexedDB)', 'sql.js': 'sql.js (memory)' };

async function measure(context, url, workload, stack) {
  const page = await openPage(context, url);
  try {
    const times = [];
    let digest = null;
    for (let run = 0; run <= runs; run += 1) {
      const r = await page.evaluate(([w, s, n, k]) => window.bench[w](s, n, k), [workload, stack, N, run]);
      times.push(r.ms);
      digest = r.digest;
    }
    return { cold: times[0], warm: median(times.slice(1)), digest };
  } catch (error) {
    return { error: error.message.split('\n')[0] };
  } finally {
    await page.close();
  }
}

function printTable(title, results) {
  console.log(`\n${title}`);
  const base = results.edgetally;
  const ref = JSON.stringify(base.digest);
  console.log(`${'stack'.padEnd(28)}${'cold ms'.padStart(10)}${'warm ms'.padStart(10)}${'et/peer warm'.padStart(14)}  answer`);
  for (const stack of STACKS) {
    const r = results[stack];
    if (r.error) {
      console.log(`${LABELS[stack].padEnd(28)}  n/a: ${r.error}`);
      continue;
    }
    const same = JSON.stringify(r.digest) === ref ? 'same' : `differs: ${JSON.stringify(r.digest)}`;
    const rel = stack === 'edgetally' ? '' : String(ratio(base.warm, r.warm));
    console.log(`${LABELS[stack].padEnd(28)}${String(round(r.cold)).padStart(10)}${String(round(r.warm)).padStart(10)}${rel.padStart(14)}  ${same}`);
  }
}

// The page's time to its answer, or {error} when it did not answer N (no time for a wrong answer).
async function answerTime(page) {
  const { ms, painted, answer, error } = await page.evaluate(() => ({ ms: window.firstAnswerMs, painted: window.paintedMs, answer: window.answer, error: window.answerError }));
  return answer === N ? { ms, painted } : { error: error ?? `answered ${answer}, not ${N}` };
}

async function firstAnswer(profile, url) {
  const times = [];
  const reloads = [];
  const painted = { times: [], reloads: [] }; // when the frame showing the answer was out
  for (let k = 0; k <= runs; k += 1) {
    const context = await launchPersistent(profile); // a new browser each time: nothing cached in memory
    const page = await openPage(context, url);
    const first = await answerTime(page);
    for (let r = 0; k === runs && !first.error && r < runs; r += 1) {
      await page.reload();
      await page.waitForFunction(() => window.ready === true);
      const again = await answerTime(page);
      if (again.error) return again;
      reloads.push(again.ms);
      painted.reloads.push(again.painted);
    }
    await context.close();
    if (first.error) return first;
    times.push(first.ms);
    painted.times.push(first.painted);
  }
  const on = { cold: painted.times[0], warm: median(painted.times.slice(1)), reload: median(painted.reloads) };
  return { cold: times[0], warm: median(times.slice(1)), reload: median(reloads), painted: on };
}

// The direct runs' medians: new browsers (none is a first visit: the driven runs came first on
// the profile) and reloads, answer and frame on screen; {error} when a page did not answer N.
function summarizeDirect({ loads, reloads, error }) {
  if (error) return { error: error.message };
  const wrong = [...loads, ...reloads].find((r) => r.answer !== N);
  if (wrong) return { error: wrong.error ?? `answered ${wrong.answer}, not ${N}` };
  const at = (list, key) => median(list.map((r) => r[key]));
  return { fresh: at(loads, 'ms'), reload: at(reloads, 'ms'), painted: { fresh: at(loads, 'painted'), reload: at(reloads, 'painted') } };
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'edgetally-bench-browser-'));
fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench-results', `browser-${N}.csv`), makeCsvText(N));
const reports = reportRoute(); // the pages' times when no driver is attached (direct.mjs)
const server = await startStaticServer({ root, route: reports.route });
const context = await launchPersistent(profile);
const version = context.browser()?.version() ?? (await (await context.newPage()).evaluate(() => navigator.userAgent));
console.log(`browser bench: Chromium ${version}, persistent profile; ${runs} warm runs after 1 cold; load: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('same work: reference fields, row checks with the price rule, one transaction, new ids returned');
const benchUrl = `${server.url}/bench/browser/page.html`;
if (firstAnswerOnly) {
  const page = await openPage(context, benchUrl); // the store the first answer reads: run 0 of the insert
  await page.evaluate(([n]) => window.bench.insertThings('edgetally', n, 0), [N]);
  await page.close();
}
for (const [workload, title] of firstAnswerOnly ? [] : [['insertThings', `insert ${N.toLocaleString('en-US')} things`], ['importCsv', `import a ${N.toLocaleString('en-US')}-row CSV (bytes, 3% invalid rows)`]]) {
  const results = {};
  for (const stack of STACKS) results[stack] = await measure(context, benchUrl, workload, stack);
  printTable(title, results);
}
await context.close();
const firstAnswerUrl = `${server.url}/bench/browser/first-answer.html?store=bench-insert-edgetally-0`;
const load = await firstAnswer(profile, firstAnswerUrl);
const what = `page load to first answered query (OPFS store of ${N.toLocaleString('en-US')} things)`;
if (load.error) console.log(`\n${what}: n/a: ${load.error}`);
else {
  console.log(`\n${what}, driven by Playwright: cold ${round(load.cold)} ms, warm ${round(load.warm)} ms, reload ${round(load.reload)} ms (goal < 100 ms)`);
  console.log(`  on screen (the frame showing it out): cold ${round(load.painted.cold)} ms, warm ${round(load.painted.warm)} ms, reload ${round(load.painted.reload)} ms`);
}
const directly = (url) => firstAnswerDirect(profile, url, reports, { runs: runs + 1, reloads: runs }).catch((error) => ({ error }));
const direct = summarizeDirect(await directly(firstAnswerUrl));
if (direct.error) console.log(`  no driver attached: n/a: ${direct.error}`);
else console.log(`  no driver attached (direct.mjs): new browser ${round(direct.fresh)} ms, reload ${round(direct.reload)} ms; on screen ${round(direct.painted.fresh)} and ${round(direct.painted.reload)} ms`);
const floor = summarizeDirect(await directly(`${server.url}/bench/browser/floor.html?n=${N}`));
if (floor.error) console.log(`  the browser's floor: n/a: ${floor.error}`);
else console.log(`  the browser's floor, the same page with an empty worker (floor.html): new browser ${round(floor.fresh)} ms, reload ${round(floor.reload)} ms`);
await server.close();
fs.rmSync(profile, { recursive: true, force: true });
