// The package's browser bundles (scripts/bundle-browser.mjs) in each engine of engines.mjs: a
// page that imports dist/edgetally.browser.js (package.json's browser entry) opens a store with
// the default storage through the bundled worker, writes, reads back, and still has it after a
// reload, with none of the unbundled modules in js/ fetched; the storage the worker takes ahead
// of the open request (storage/prepared.js) is exclusive like any other: a second unshared
// opener gets STORE_LOCKED, and opens once the first has closed; and a worker started before
// the tab's claim on the store (a Web Lock) that fails to load while the claim is pending
// still fails the open with the typed error naming its URL, instead of leaving it waiting.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ENGINES, useBrowser } from './engines.mjs';
import { inPage } from './store-page.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function bundlePage(ctx) {
  const page = await ctx.browser.newPage(`${ctx.server.url}/tests/e2e/pages/bundle.html`);
  await page.waitFor(() => window.ready === true);
  return page;
}

const writeAndCount = async (name, count) => {
  const store = await window.edgetally.open({ name });
  await store.createGroup({ id: 'g', name: 'G', plan: 'pro' });
  const things = Array.from({ length: count }, (_, i) => ({ type: 'doc', name: `d${i}` }));
  const created = (await store.batchInsertThings({ groupId: 'g', things })).summary.success;
  return { storage: store.storage, created, count: await store.countThings({ groupId: 'g' }) };
};

const countIn = async (name) => {
  const store = await window.edgetally.open({ name });
  const count = await store.countThings({ groupId: 'g' });
  await store.close();
  return { storage: store.storage, count };
};

// The package's scripts this page fetched (the worker's own fetches are not all listed here in
// every engine; its script is, where listed, dist/).
const packageScripts = () =>
  performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname).filter((p) => /^\/(js|dist)\/.*\.m?js$/.test(p));

for (const engine of ENGINES) {
  describe(`bundled browser entry (${engine})`, () => {
    const ctx = useBrowser(engine, { serve: root });

    test('open, write, read back, reload, still there; no module of js/ fetched', async () => {
      const storage = ctx.browser.features.opfs ? 'opfs' : 'indexeddb';
      const page = await bundlePage(ctx);
      assert.deepEqual(await inPage(page, writeAndCount, 'bundled', 30), { ok: true, value: { storage, created: 30, count: 30 } });
      const scripts = await inPage(page, packageScripts);
      assert.ok(scripts.value.includes('/dist/edgetally.browser.js'), JSON.stringify(scripts));
      assert.deepEqual(scripts.value.filter((p) => !p.startsWith('/dist/')), []);
      await page.reload();
      await page.waitFor(() => window.ready === true);
      assert.deepEqual(await inPage(page, countIn, 'bundled'), { ok: true, value: { storage, count: 30 } });
      await page.close();
    });

    test('a second unshared opener of a held store gets STORE_LOCKED, then opens after close', async () => {
      const owner = await bundlePage(ctx);
      const other = await bundlePage(ctx);
      const held = await inPage(owner, async () => {
        window.held = await window.edgetally.open({ name: 'held' });
        return window.held.storage;
      });
      assert.equal(held.ok, true);
      const second = await inPage(other, async () => (await window.edgetally.open({ name: 'held', shareTabs: false })).storage);
      assert.equal(second.ok, false);
      assert.equal(second.code, 'STORE_LOCKED');
      await inPage(owner, async () => window.held.close());
      const reopened = await inPage(other, async () => {
        const store = await window.edgetally.open({ name: 'held', shareTabs: false });
        await store.close();
        return store.storage;
      });
      assert.deepEqual(reopened, { ok: true, value: held.value });
      await owner.close();
      await other.close();
    });

    test('a worker that fails to load while the Web Lock claim is pending fails the open with IO_ERROR', async () => {
      const page = await bundlePage(ctx);
      const failure = await inPage(page, async () => {
        const locks = navigator.locks;
        const request = locks.request.bind(locks);
        // the claim is granted late: the worker's load error comes before its transport listens
        locks.request = (...args) => new Promise((resolve) => setTimeout(resolve, 1500)).then(() => request(...args));
        try {
          await window.edgetally.open({ name: 'late-claim', workerUrl: '/nowhere/worker.js' });
          return 'opened';
        } catch (error) {
          return { name: error.name, code: error.code, details: error.details };
        } finally {
          locks.request = request;
        }
      });
      assert.deepEqual(failure, {
        ok: true,
        value: { name: 'StorageError', code: 'IO_ERROR', details: { url: `${ctx.server.url}/nowhere/worker.js`, option: 'workerUrl', asset: 'worker' } },
      });
      await page.close();
    });
  });
}
