// The demo page in headless Chromium, as a person uses it: it shows the counts of its persistent
// store, imports 1,000 courses on click, and still shows them after a reload.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../scripts/lib/static-server.mjs';
import { launchPersistent } from './browser.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'edgetally-demo-'));
let server;
let context;

before(async () => {
  server = await startStaticServer({ root });
  context = await launchPersistent(profile);
});

after(async () => {
  await context?.close();
  await server?.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

async function readyPage(page) {
  await page.waitForFunction(() => document.body.dataset.ready);
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', await page.textContent('#status'));
}

test('the demo shows its counts, imports on click, and keeps them across a reload', async () => {
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/`);
  await readyPage(page);
  assert.equal(await page.textContent('#things'), '0');
  assert.equal(await page.textContent('#plan'), 'pro');
  await page.click('#import');
  await page.waitForFunction(() => document.querySelector('#things').value === '1000');
  assert.match(await page.textContent('#status'), /Imported 1000 in \d+ ms/);
  await page.reload();
  await readyPage(page);
  assert.equal(await page.textContent('#courses'), '1000');
  assert.match(await page.textContent('#info'), /storageopfs/);
  assert.match(await page.textContent('[data-metric="entities_total"]'), /1,000 of 10,000 \(ok\)/);
  await page.close(); // one tab owns the store at a time
});

test('the demo imports a CSV file with progress and shows the rows that failed', async () => {
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/`);
  await readyPage(page);
  const before = Number(await page.textContent('#courses'));
  const rows = ['title,price,category', ...Array.from({ length: 50 }, (_, i) => `Imported ${i},${i === 7 ? 'free' : i},data`)];
  await page.setInputFiles('#csv', { name: 'courses.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.waitForFunction(() => /Imported \d+ of/.test(document.querySelector('#status').textContent));
  assert.equal(await page.textContent('#status'), 'Imported 49 of 50 rows from courses.csv');
  assert.match(await page.textContent('#row-errors'), /line 9: properties.price: 'free' is not a number/);
  assert.equal(Number(await page.textContent('#courses')), before + 49);
  await page.screenshot({ path: path.join(os.tmpdir(), 'edgetally-demo.png'), fullPage: true });
});
