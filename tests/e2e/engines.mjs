// The three browser engines behind one interface, so each browser test is written once and run
// per engine: Debian's Chromium (playwright-core, persistent context), Firefox ESR
// (puppeteer-core over WebDriver BiDi, `userDataDir`) and WebKitGTK (WebKitWebDriver driving
// MiniBrowser under Xvfb, plain W3C WebDriver over fetch; see webdriver.mjs).
//
//   const browser = await launch('firefox', profileDir);
//   const page = await browser.newPage(url);        // a new tab
//   await page.evaluate(fn, ...jsonArgs);           // fn is serialized; its promise is awaited
//   await page.waitFor(fn, ...jsonArgs);            // polls until fn returns a truthy value
//   await page.reload(); await browser.restart();   // same profile; pages are gone after restart
//   await browser.close();
//
// ENGINES lists what the suites run on; EDGETALLY_ENGINES=chromium,firefox narrows it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { startStaticServer } from '../../scripts/lib/static-server.mjs';
import { launchWebKit } from './webdriver.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const PATHS = {
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  firefox: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
};
const ALL = ['chromium', 'firefox', 'webkit'];

export const ENGINES = process.env.EDGETALLY_ENGINES
  ? process.env.EDGETALLY_ENGINES.split(',').filter((e) => ALL.includes(e))
  : ALL;

/** What each engine offers the package, as documented in the README's support table. */
// restartKeepsData: whether site data outlives a browser restart under the test driver
// (MiniBrowser --automation runs an ephemeral session: everything is gone after a restart).
export const FEATURES = {
  chromium: { opfs: true, restartKeepsData: true },
  firefox: { opfs: true, restartKeepsData: true },
  webkit: { opfs: false, restartKeepsData: false }, // WebKitGTK: navigator.storage is undefined
};

// A JS expression calling `fn` with JSON arguments, whose (awaited) value comes back as JSON
// text: every engine then returns the same plain data (undefined fields dropped alike).
export function callExpression(fn, args) {
  return `Promise.resolve((${fn.toString()})(...${JSON.stringify(args)})).then((v) => JSON.stringify(v ?? null))`;
}

// One engine-neutral page over a raw page whose evaluate takes an expression string.
function wrapPage(raw) {
  const page = {
    goto: (url) => raw.goto(url).then(() => undefined),
    evaluate: async (fn, ...args) => JSON.parse(await raw.evaluate(callExpression(fn, args))),
    reload: () => raw.reload().then(() => undefined),
    screenshot: (file) => raw.screenshot({ path: file, fullPage: true }),
    close: () => raw.close(),
    // Polls fn until it returns a truthy value (a navigation in progress counts as "not yet").
    async waitFor(fn, ...args) {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const value = await page.evaluate(fn, ...args).catch(() => undefined);
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`waitFor timed out: ${fn}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
  return page;
}

async function versionOf(executable) {
  const { execFileSync } = await import('node:child_process');
  return execFileSync(executable, ['--version'], { encoding: 'utf8' }).trim();
}

/**
 * Chromium's Playwright context on the persistent profile `profile`, for the tests that need
 * Playwright itself (file choosers, shadow-piercing selectors, offline emulation, screenshots).
 */
export function launchChromiumContext(profile) {
  return chromium.launchPersistentContext(profile, {
    executablePath: PATHS.chromium,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

async function startChromium(profile) {
  const context = await launchChromiumContext(profile);
  return {
    version: (await versionOf(PATHS.chromium)).match(/\d+(\.\d+)+/)[0],
    newPage: () => context.newPage(),
    close: () => context.close(),
  };
}

async function startFirefox(profile, { firefoxPrefs } = {}) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: PATHS.firefox,
    headless: true,
    userDataDir: profile,
    ...(firefoxPrefs ? { extraPrefsFirefox: firefoxPrefs } : {}),
  });
  return {
    version: (await browser.version()).replace(/^firefox\//i, ''),
    newPage: () => browser.newPage(),
    close: () => browser.close(),
  };
}

// WebKit keeps Xvfb and its driver across restarts; only the browser (session) restarts.
function webkitStarter() {
  let webkit = null;
  return async (profile) => {
    if (webkit) await webkit.restartSession();
    else webkit = await launchWebKit(profile);
    return {
      version: webkit.version,
      newPage: () => webkit.newPage(),
      close: () => webkit.closeSession(),
      shutdown: () => webkit.close(),
    };
  };
}

/**
 * Starts `engine` ('chromium' | 'firefox' | 'webkit') on the profile directory `profile`.
 * restart() closes the browser and starts it again on the same profile (open pages are gone).
 * options.firefoxPrefs: extra Firefox preferences (e.g. a private-browsing session).
 * @returns {Promise<{engine: string, version: string, features: {opfs: boolean},
 *   newPage(url?: string): Promise<any>, restart(): Promise<void>, close(): Promise<void>}>}
 */
export async function launch(engine, profile, options = {}) {
  const starters = { chromium: startChromium, firefox: startFirefox, webkit: webkitStarter() };
  const start = starters[engine];
  if (!start) throw new Error(`unknown engine ${engine}`);
  let running = await start(profile, options);
  return {
    engine,
    features: FEATURES[engine],
    version: running.version,
    async newPage(url) {
      const page = wrapPage(await running.newPage());
      if (url) await page.goto(url);
      return page;
    },
    async restart() {
      await running.close();
      running = await start(profile, options);
    },
    close: () => (running.shutdown ?? running.close)(),
  };
}

/**
 * For a node:test suite: before it, a fresh profile directory, a static server on 127.0.0.1
 * for the directory `serve` (when given) and `engine` launched on the profile; after it, all
 * three gone. Returns a holder whose fields (browser, server, profile) are set once it starts.
 */
export function useBrowser(engine, { serve, firefoxPrefs } = {}) {
  const holder = {};
  before(async () => {
    holder.profile = fs.mkdtempSync(path.join(os.tmpdir(), `edgetally-${engine}-`));
    if (serve) holder.server = await startStaticServer({ root: serve });
    holder.browser = await launch(engine, holder.profile, { firefoxPrefs });
  });
  after(async () => {
    await holder.browser?.close();
    await holder.server?.close();
    // A browser process may still be flushing its caches just after close(): retry the removal.
    fs.rmSync(holder.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });
  return holder;
}
