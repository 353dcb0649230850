// Launching Debian's Chromium headless through playwright-core for the browser tests, with a
// persistent profile: Playwright's default (incognito) contexts keep OPFS in memory, so only a
// persistent profile shows what survives a browser restart.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** @param {string} userDataDir */
export function launchPersistent(userDataDir) {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
}

/** Opens `url` in a new page and waits for the page's module script to be ready. */
export async function openPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(url);
  await page.waitForFunction(() => window.ready === true);
  page.errors = errors;
  return page;
}

/** Runs `fn(...args)` in the page; returns {ok, value} or {ok: false, code, name, message}. */
export function inPage(page, fn, ...args) {
  return page.evaluate(
    async ([source, params]) => {
      try {
        // eslint-disable-next-line no-new-func
        const value = await new Function(`return (${source})`)()(...params);
        return { ok: true, value };
      } catch (error) {
        return { ok: false, code: error.code, name: error.name, message: error.message };
      }
    },
    [fn.toString(), args],
  );
}
