// Page load to first answer with no driver attached: Chromium started as a plain process on the
// persistent profile (the switches Playwright gives it, none of its automation), opening a
// blank page that navigates to first-answer.html once the browser has settled (as the driven
// run's page.goto does after the launch); the page reports its times to the bench's server
// (POST /bench-report, first-answer.html's `report` parameter) and reloads itself (`reloads=R`:
// location.reload(), the count kept in sessionStorage).
// Why: Playwright attaches to every worker a page starts and holds it paused until its own
// handshake is done (Target.setAutoAttach with waitForDebuggerOnStart), and polls the page from
// scripts it injects on the main thread. No user has that; run.mjs prints both figures.
import { spawn } from 'node:child_process';
import { CHROMIUM_ARGS, PATHS } from '../../tests/e2e/engines.mjs';

const REPORT_PATH = '/bench-report';
const TIMEOUT_MS = 120_000;
const SETTLE_MS = 1_000; // after the browser's start, before the navigation (timed from its start)

// What Playwright adds to CHROMIUM_ARGS for a headless persistent context, less its automation
// (--remote-debugging-pipe, --enable-automation), among them the three with which Playwright
// keeps a page from being throttled as a background one (timers, renderer, occluded windows).
const DRIVER_LIKE_ARGS = [
  '--headless', '--hide-scrollbars', '--mute-audio', '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows', '--disable-renderer-backgrounding', '--disable-back-forward-cache',
  '--disable-breakpad', '--disable-extensions', '--disable-default-apps', '--no-default-browser-check',
  '--disable-dev-shm-usage', '--disable-field-trial-config', '--disable-hang-monitor', '--disable-ipc-flooding-protection',
  '--password-store=basic', '--use-mock-keychain', '--metrics-recording-only', '--no-service-autorun',
];

/**
 * A route for startStaticServer that takes the pages' reports; next() resolves with the next
 * report (the page's JSON: {ms, painted, answer, error}).
 */
export function reportRoute() {
  const queued = [];
  const waiting = [];
  const route = (request, response) => {
    if (request.method !== 'POST' || !request.url.startsWith(REPORT_PATH)) return false;
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      response.writeHead(204);
      response.end();
      const report = JSON.parse(body);
      if (waiting.length) waiting.shift()(report);
      else queued.push(report);
    });
    return true;
  };
  const next = () => (queued.length ? Promise.resolve(queued.shift()) : new Promise((resolve) => waiting.push(resolve)));
  return { route, next };
}

function startChromium(profile, url) {
  const blank = `data:text/html,<script>setTimeout(() => location.href = ${JSON.stringify(url)}, ${SETTLE_MS})</script>`;
  const child = spawn(PATHS.chromium, [...CHROMIUM_ARGS, ...DRIVER_LIKE_ARGS, `--user-data-dir=${profile}`, blank], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    async stop() {
      child.kill('SIGTERM');
      await exited; // the profile is free again only once the process is gone
    },
  };
}

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no report from ${what} in ${TIMEOUT_MS} ms`)), TIMEOUT_MS)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Loads `url` (first-answer.html with its query) in `runs` new browsers on `profile`, the last
 * one then reloading itself `reloads` times. Returns {loads: [report], reloads: [report]}.
 * @param {{next: () => Promise<object>}} reports the reportRoute() the server was given
 */
export async function firstAnswerDirect(profile, url, reports, { runs, reloads }) {
  const loads = [];
  const again = [];
  for (let k = 0; k < runs; k += 1) {
    const last = k === runs - 1;
    const browser = startChromium(profile, `${url}&report=1&reloads=${last ? reloads : 0}`);
    try {
      loads.push(await withTimeout(reports.next(), 'a new browser'));
      for (let r = 0; last && r < reloads; r += 1) again.push(await withTimeout(reports.next(), 'a reload'));
    } finally {
      await browser.stop();
    }
  }
  return { loads, reloads: again };
}
