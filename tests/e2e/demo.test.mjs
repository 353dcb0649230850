// The demo page in each browser engine (engines.mjs), as a person uses it: it shows the counts
// of its store, imports 1,000 courses on click, and still shows them after a reload where the
// store persists (OPFS); it imports a CSV file with progress and per-row errors, hides the
// progress bar when an import fails, labels its meters for people, and a second tab says the
// demo is open in another tab and offers a retry (instead of a raw STORE_LOCKED).
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ENGINES, useBrowser } from './engines.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const text = (page, selector) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
const click = (page, selector) => page.evaluate((s) => document.querySelector(s).click(), selector);

// Picks a file in the input as a person would (a File through DataTransfer, then 'change').
const chooseFile = (page, selector, name, content) =>
  page.evaluate(
    (s, fileName, body) => {
      const input = document.querySelector(s);
      const transfer = new DataTransfer();
      transfer.items.add(new File([body], fileName, { type: 'text/csv' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    selector,
    name,
    content,
  );

async function readyPage(page, want = 'true') {
  const state = await page.waitFor(() => document.body.dataset.ready);
  assert.equal(state, want, await text(page, '#status'));
}
const hidden = (page, selector) => page.evaluate((s) => document.querySelector(s).hidden, selector);

for (const engine of ENGINES) {
  describe(`demo (${engine})`, () => {
    const ctx = useBrowser(engine, { serve: root });

    test('the demo shows its counts, imports on click, and keeps them across a reload', async () => {
      const storage = ctx.browser.features.opfs ? 'opfs' : 'indexeddb'; // WebKit has no OPFS
      const page = await ctx.browser.newPage(`${ctx.server.url}/demo/`);
      await readyPage(page);
      assert.equal(await text(page, '#things'), '0');
      assert.equal(await text(page, '#plan'), 'pro');
      await click(page, '#import');
      await page.waitFor(() => document.querySelector('#things').value === '1000');
      assert.match(await text(page, '#status'), /Imported 1000 in \d+ ms/);
      await page.reload();
      await readyPage(page);
      assert.match(await text(page, '#info'), new RegExp(`storage${storage}`));
      const kept = storage === 'memory' ? 0 : 1000; // a memory store starts empty after a reload
      assert.equal(await text(page, '#courses'), String(kept));
      assert.match(await text(page, '[data-metric="entities_total"]'), new RegExp(`${kept.toLocaleString('en')} of 10,000 \\(ok\\)`));
      await page.close(); // one tab owns the store at a time
    });

    test('the demo imports a CSV file with progress and shows the rows that failed', async () => {
      const page = await ctx.browser.newPage(`${ctx.server.url}/demo/`);
      await readyPage(page);
      const before = Number(await text(page, '#courses'));
      const rows = ['title,price,category', ...Array.from({ length: 50 }, (_, i) => `Imported ${i},${i === 7 ? 'free' : i},data`)];
      await chooseFile(page, '#csv', 'courses.csv', rows.join('\n'));
      await page.waitFor(() => /Imported \d+ of/.test(document.querySelector('#status').textContent));
      assert.equal(await text(page, '#status'), 'Imported 49 of 50 rows from courses.csv');
      assert.match(await text(page, '#row-errors'), /line 9: properties.price: 'free' is not a number/);
      // The counts re-render after the status line: wait for them rather than race.
      await page.waitFor((want) => document.querySelector('#courses').value === want, String(before + 49));
      // For a person to look at; WebKitGTK under Xvfb paints WebDriver's new windows blank.
      if (engine !== 'webkit') await page.screenshot(path.join(os.tmpdir(), `edgetally-demo-${engine}.png`));
      await page.close();
    });

    test('the demo labels its quota meters for people', async () => {
      const page = await ctx.browser.newPage(`${ctx.server.url}/demo/`);
      await readyPage(page);
      const labels = await page.evaluate(() =>
        Object.fromEntries([...document.querySelectorAll('[data-metric]')].map((m) => [m.dataset.metric, m.querySelector('strong').textContent])),
      );
      assert.deepEqual(labels, {
        users: 'Users',
        storage_gb: 'Storage',
        api_calls_per_month: 'API calls this month',
        entities_total: 'Entities',
        connections_total: 'Connections',
        events_retention_days: 'Event retention (days)',
      });
      await page.close();
    });

    test('a failed import shows its error and hides the progress bar', async () => {
      const page = await ctx.browser.newPage(`${ctx.server.url}/demo/`);
      await readyPage(page);
      await chooseFile(page, '#csv', 'broken.json', '[{"title": "A", "price": 1}, {"title": "B"');
      await page.waitFor(() => document.querySelector('#status').className === 'error');
      assert.match(await text(page, '#status'), /^[A-Z_]+: /);
      assert.equal(await hidden(page, '#progress'), true);
      await page.close();
    });

    test('a second tab says the demo is open in another tab and retries once it is closed', async () => {
      // Every engine's store is exclusive (OPFS handles, or IndexedDB's lock in WebKit).
      const owner = await ctx.browser.newPage(`${ctx.server.url}/demo/`);
      await readyPage(owner);
      const second = await ctx.browser.newPage(`${ctx.server.url}/demo/`);
      await readyPage(second, 'locked');
      assert.equal(await text(second, '#status'), 'The demo is open in another tab. Close it there, then retry.');
      assert.doesNotMatch(await text(second, 'body'), /STORE_LOCKED/);
      assert.equal(await hidden(second, '#retry'), false);
      await owner.close();
      await click(second, '#retry');
      await readyPage(second);
      assert.equal(await hidden(second, '#retry'), true);
      await second.close();
    });
  });
}
