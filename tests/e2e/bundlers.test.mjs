// The packaging test (issue 7): `npm pack` of this repo, installed into a fresh Vite app and a
// fresh webpack 5 app (pinned, see bundled-apps.mjs), each built for production with no bundler
// configuration, served on 127.0.0.1 and loaded in each engine with a persistent profile: open
// a store, insert, read back, reload, still there (OPFS; IndexedDB in WebKitGTK, which has none);
// the components (edgetally/web) render a store's real values through the bundle.
// Also: error classes keep their names through minifying, a wasm that is not there names its
// URL and the option that fixes it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startStaticServer } from '../../scripts/lib/static-server.mjs';
import { BUNDLERS, buildApp, packTarball } from './bundled-apps.mjs';
import { ENGINES, useBrowser } from './engines.mjs';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'edgetally-bundlers-'));
const servers = {}; // bundler -> static server on its build output

before(async () => {
  const tarball = packTarball(work);
  for (const bundler of Object.keys(BUNDLERS)) {
    servers[bundler] = await startStaticServer({ root: buildApp(bundler, tarball, work) });
  }
});

after(async () => {
  for (const server of Object.values(servers)) await server.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function appPage(browser, bundler) {
  const page = await browser.newPage(`${servers[bundler].url}/`);
  await page.waitFor(() => window.ready === true);
  return page;
}

for (const engine of ENGINES) {
  describe(`bundled apps (${engine})`, () => {
    const ctx = useBrowser(engine);

    for (const bundler of Object.keys(BUNDLERS)) {
      test(`${bundler} production build, no config: open, insert, read back, reload, still there`, async () => {
        const storage = ctx.browser.features.opfs ? 'opfs' : 'indexeddb';
        const page = await appPage(ctx.browser, bundler);
        const written = await page.evaluate((name) => window.app.write(name, 30), `${bundler}-store`);
        assert.deepEqual(written, { storage, created: 30, readBack: 30 });
        await page.reload();
        await page.waitFor(() => window.ready === true);
        const kept = await page.evaluate((name) => window.app.count(name), `${bundler}-store`);
        assert.deepEqual(kept, { storage, count: 30 });
        await page.close();
      });

      test(`${bundler} production build: <et-quota-meter> and <et-metric-card> from edgetally/web render the store's values`, async () => {
        const page = await appPage(ctx.browser, bundler);
        const shown = await page.evaluate((name) => window.app.components(name, 3, 7), `${bundler}-components`);
        assert.deepEqual(shown.defined, ['et-quota-meter', 'et-metric-card']);
        assert.equal(shown.quota.current, 3);
        assert.equal(shown.meter.valueNow, shown.quota.percentUsed);
        assert.match(shown.meter.valueText, new RegExp(`^3 of ${shown.quota.limit.toLocaleString('en-US')} · ${shown.quota.percentUsed}%, `));
        assert.equal(shown.card, '7');
        await page.close();
      });

      test(`${bundler} production build: typed errors keep their class names; a missing wasm names its URL and wasmUrl`, async () => {
        const page = await appPage(ctx.browser, bundler);
        assert.deepEqual(await page.evaluate(() => window.app.badName()), { name: 'ValidationError', code: 'INVALID_NAME' });
        const missing = await page.evaluate(() => window.app.missingWasm());
        assert.equal(missing.name, 'StorageError');
        assert.equal(missing.code, 'IO_ERROR');
        assert.deepEqual(missing.details, { url: `${servers[bundler].url}/nowhere/edgetally.wasm`, option: 'wasmUrl', asset: 'wasm' });
        assert.match(missing.message, /nowhere\/edgetally\.wasm: HTTP 404.*open\(\{ wasmUrl \}\)/);
        await page.close();
      });
    }
  });
}
