// Where the first answer's time goes: loads bench/browser/first-answer.html in Chromium
// (persistent profile, a store of N things made untimed first) in K new browsers and then R
// reloads of the last one, and prints, per load, each phase's end in ms from navigation start
// (the page's performance.timeOrigin): the navigation's own timing, the resource timings of the
// page bundle, the worker script and the wasm, and the edgetally:* User Timing marks the page
// and the worker set (js/index.browser.js, js/worker.browser.js; the worker's marks moved onto
// the page's clock through the two timeOrigins). Then the minimum and median of each column.
// Usage: node bench/browser/phases.mjs [--runs K] [--reloads R] [--n N] [--trace FILE] [--root DIR]
//   --root: serve another checkout's tree (built), e.g. to compare a change with its base
//   --trace FILE: Chromium traces (devtools.timeline, v8) of the last new browser's load and its
//   first reload (--trace-reload R: the R-th, from 0), FILE-new.json and FILE-reload.json
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../scripts/lib/static-server.mjs';
import { launchChromiumContext } from '../../tests/e2e/engines.mjs';
import { median, round } from '../stats.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', 3));
const reloads = Number(option('--reloads', 5));
const N = Number(option('--n', 100_000));
const traceFile = option('--trace', null);
const traceReload = Number(option('--trace-reload', 0)); // which reload --trace records
const root = path.resolve(option('--root', fileURLToPath(new URL('../..', import.meta.url))));

// Everything the page and its worker know about this load, on the page's clock.
async function collect(page) {
  const pageSide = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource').map((r) => ({ name: r.name, start: r.startTime, request: r.requestStart, response: r.responseStart, end: r.responseEnd, size: r.transferSize }));
    const marks = performance.getEntriesByType('mark').map((m) => ({ name: m.name, at: m.startTime }));
    return {
      origin: performance.timeOrigin,
      nav: { fetchStart: nav.fetchStart, responseEnd: nav.responseEnd, domInteractive: nav.domInteractive },
      resources,
      marks,
      answerMs: window.firstAnswerMs,
      paintedMs: window.paintedMs,
      answer: window.answer,
      error: window.answerError,
    };
  });
  const workers = [];
  for (const worker of page.workers()) {
    workers.push(
      await worker.evaluate(() => ({
        origin: performance.timeOrigin,
        marks: performance.getEntriesByType('mark').map((m) => ({ name: m.name, at: m.startTime })),
        resources: performance.getEntriesByType('resource').map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd, size: r.transferSize })),
      })),
    );
  }
  return { pageSide, workers };
}

// One row: phase name -> ms from navigation start.
function phases({ pageSide, workers }) {
  const row = { html: pageSide.nav.responseEnd };
  const res = (suffix) => pageSide.resources.find((r) => r.name.endsWith(suffix));
  const bundle = res('/edgetally.browser.js');
  if (bundle) Object.assign(row, { 'bundle-asked': bundle.start, 'bundle-sent': bundle.request, 'bundle-answered': bundle.response, bundle: bundle.end });
  const wasm = res('/edgetally.wasm');
  if (wasm) Object.assign(row, { 'wasm-asked': wasm.start, 'wasm-answered': wasm.response, 'wasm-fetched': wasm.end });
  for (const m of pageSide.marks) row[m.name.replace('edgetally:', '')] = m.at;
  for (const w of workers) {
    const shift = w.origin - pageSide.origin;
    row['worker-origin'] = shift;
    for (const r of w.resources) if (r.name.endsWith('.wasm')) row['w-wasm-fetched'] = r.end + shift;
    for (const m of w.marks) row[m.name.replace('edgetally:', '')] = m.at + shift;
  }
  row.answer = pageSide.answerMs;
  if (pageSide.paintedMs !== undefined) row.painted = pageSide.paintedMs;
  return row;
}

function printTable(title, rows) {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].sort((a, b) => median(rows.map((r) => r[a] ?? Infinity)) - median(rows.map((r) => r[b] ?? Infinity)));
  console.log(`\n${title}`);
  console.log(`${'phase (ms from navigation start)'.padEnd(36)}${rows.map((_, i) => `#${i + 1}`.padStart(8)).join('')}${'min'.padStart(8)}${'median'.padStart(8)}`);
  for (const c of columns) {
    const values = rows.map((r) => r[c]);
    const present = values.filter((v) => v !== undefined);
    const cell = (v) => (v === undefined ? '-' : String(round(v))).padStart(8);
    console.log(`${c.padEnd(36)}${values.map(cell).join('')}${cell(Math.min(...present))}${cell(median(present))}`);
  }
}

// A Chromium trace of what follows (the page's and its workers' threads); save(file) ends it.
async function startTrace(context, page) {
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const categories = 'devtools.timeline,v8,v8.wasm,disabled-by-default-v8.compile,blink.user_timing,loading,toplevel';
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  return {
    async save(file) {
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await done;
      fs.writeFileSync(file, JSON.stringify({ traceEvents: events }));
    },
  };
}

async function load(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.ready === true);
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'edgetally-phases-'));
const server = await startStaticServer({ root });
try {
  const setup = await launchChromiumContext(profile);
  const page = await setup.newPage();
  await load(page, `${server.url}/bench/browser/page.html`);
  await page.evaluate(([n]) => window.bench.insertThings('edgetally', n, 0), [N]);
  await setup.close();
  const url = `${server.url}/bench/browser/first-answer.html?store=bench-insert-edgetally-0`;
  const fresh = [];
  const again = [];
  for (let k = 0; k < runs; k += 1) {
    const context = await launchChromiumContext(profile);
    const tab = await context.newPage();
    const traced = traceFile && k === runs - 1 ? await startTrace(context, tab) : null;
    await load(tab, url);
    if (traced) await traced.save(traceFile.replace(/(\.json)?$/, '-new.json'));
    const first = await collect(tab);
    if (first.pageSide.answer !== N) throw new Error(`answered ${first.pageSide.answer} (${first.pageSide.error}), not ${N}`);
    fresh.push(phases(first));
    for (let r = 0; k === runs - 1 && r < reloads; r += 1) {
      const tracedReload = traceFile && r === traceReload ? await startTrace(context, tab) : null;
      await tab.reload();
      await tab.waitForFunction(() => window.ready === true);
      if (tracedReload) await tracedReload.save(traceFile.replace(/(\.json)?$/, '-reload.json'));
      again.push(phases(await collect(tab)));
    }
    await context.close();
  }
  console.log(`${root}: Chromium, store of ${N} things on OPFS; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  printTable(`new browser (${runs} runs)`, fresh);
  printTable(`reload (${reloads} reloads in the last browser)`, again);
} finally {
  await server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
