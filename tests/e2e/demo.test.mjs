// The demo (Coursely) in each browser engine (engines.mjs), as a person uses it: it opens on
// its persistent store (OPFS, or IndexedDB in WebKitGTK), shows the workspaces, the plan's
// quota meters and where data is kept; it imports a catalogue file through <et-import> with
// per-row errors, and the courses are still there after a reload. dashboard.test.mjs drives
// the whole product (sync, offline, tabs, metrics) in Chromium.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { writeSamples } from '../../demo/make-sample.mjs';
import { invalidRows } from '../../demo/sample-data.mjs';
import { ENGINES, useBrowser } from './engines.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shadowText = (page, selector) => page.evaluate((s) => document.querySelector(s)?.shadowRoot?.textContent ?? null, selector);
let smallCsv;

before(() => {
  smallCsv = fs.readFileSync(path.join(writeSamples(), 'courses-small.csv'), 'utf8');
});

async function readyPage(page) {
  const state = await page.waitFor(() => document.body.dataset.ready);
  assert.equal(state, 'true', await page.evaluate(() => document.querySelector('#notice').textContent));
}

for (const engine of ENGINES) {
  describe(`demo (${engine})`, () => {
    const ctx = useBrowser(engine, { serve: root });

    test('the dashboard opens on a persistent store with its workspaces, quotas and storage status', async () => {
      const storage = ctx.browser.features.opfs ? 'opfs' : 'indexeddb'; // WebKit has no OPFS
      const page = await ctx.browser.newPage(`${ctx.server.url}/demo/`);
      await readyPage(page);
      assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('#group option')].map((o) => o.value)), ['acme', 'tiny', 'bigu']);
      await page.waitFor(() => /Plan: pro/.test(document.querySelector('#quotas').shadowRoot.textContent));
      assert.match(await shadowText(page, '#quotas'), /Entities/);
      await page.waitFor(() => /Saved on this device/.test(document.querySelector('#storage').shadowRoot.textContent));
      assert.match(await shadowText(page, '#storage'), new RegExp(`\\(${storage}\\)`));
      await page.close();
    });

    test('a catalogue file imports through <et-import> with per-row errors and survives a reload', async () => {
      const page = await ctx.browser.newPage(`${ctx.server.url}/demo/`);
      await readyPage(page);
      const before = await page.evaluate(() => window.coursely.store.countThings({ groupId: 'acme', type: 'course' }));
      await page.evaluate((csv) => document.querySelector('#import').pick(new File([csv], 'courses-small.csv', { type: 'text/csv' })), smallCsv);
      await page.waitFor(() => /500 rows ready/.test(document.querySelector('#import').shadowRoot.textContent));
      await page.evaluate(() => {
        const root = document.querySelector('#import').shadowRoot;
        for (const [column, as] of [['price', 'number'], ['hours', 'integer']]) {
          const select = root.querySelector(`select[data-column=${column}]`);
          select.value = as;
          select.dispatchEvent(new Event('change'));
        }
      });
      await page.evaluate(() => document.querySelector('#import').shadowRoot.querySelector('[part~=start-button]').click());
      await page.waitFor(() => document.querySelector('#import').shadowRoot.querySelector('[part~=result]'));
      const valid = 500 - invalidRows(500);
      assert.match(await shadowText(page, '#import'), new RegExp(`Imported ${valid} of 500 rows from courses-small.csv; ${500 - valid} failed`));
      assert.match(await shadowText(page, '#import'), /price/);
      if (engine !== 'webkit') await page.screenshot(path.join(os.tmpdir(), `edgetally-demo-${engine}.png`));
      await page.reload();
      await readyPage(page);
      const after = await page.evaluate(() => window.coursely.store.countThings({ groupId: 'acme', type: 'course' }));
      assert.equal(after, before + valid);
      await page.close();
    });
  });
}
