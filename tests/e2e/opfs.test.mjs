// The package in each browser engine (engines.mjs): a store written with the default storage
// (OPFS in Chromium and Firefox, IndexedDB in WebKitGTK, which has no OPFS) survives a page
// reload and a browser restart, an OPFS store survives a worker terminated right after commit,
// and a second unshared opener (shareTabs: false) gets STORE_LOCKED (tabs.test.mjs: sharing). Bad input gets typed errors and leaves OPFS files
// untouched. (storage.test.mjs runs the IndexedDB backend through the same in every engine.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ENGINES, useBrowser } from './engines.mjs';
import { inPage, storePage } from './store-page.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

const writeBatch = async (name, count) => {
  const store = await window.edgetally.open({ name });
  const group = await store.createGroup({ id: 'g', name: 'G', plan: 'pro' }).catch(() => null);
  const things = Array.from({ length: count }, (_, i) => ({ type: 'doc', name: `d${i}` }));
  const result = await store.batchInsertThings({ groupId: 'g', things });
  return { storage: store.storage, created: result.summary.success, group: group?.id };
};

// The count in store `name`, or -1 when the store has no group 'g' (a fresh memory store).
const countIn = async (name) => {
  const store = await window.edgetally.open({ name });
  const count = await store.countThings({ groupId: 'g' }).catch((e) => (e.code === 'NOT_FOUND' ? -1 : Promise.reject(e)));
  const integrity = await store.checkIntegrity();
  await store.close();
  return { count, integrity: integrity.ok, storage: store.storage };
};

// What open({name}) with the default storage ('auto') gives in an engine, and what is still
// there after a reload (or a restart: under WebKit's driver a restart keeps no site data).
function expected(browser, count, { restart = false } = {}) {
  const kept = restart && !browser.features.restartKeepsData ? -1 : count;
  return { storage: browser.features.opfs ? 'opfs' : 'indexeddb', kept };
}

for (const engine of ENGINES) {
  describe(`browser store (${engine})`, () => {
    const ctx = useBrowser(engine, { serve: root });

    test('a store written with the default storage survives a page reload', async () => {
      const want = expected(ctx.browser, 40);
      const page = await storePage(ctx.browser, ctx.server);
      const written = await inPage(page, writeBatch, 'reload', 40);
      assert.deepEqual(written, { ok: true, value: { storage: want.storage, created: 40, group: 'g' } });
      await page.reload(); // the worker dies with the page, store never closed
      await page.waitFor(() => window.ready === true);
      assert.deepEqual(await inPage(page, countIn, 'reload'), {
        ok: true,
        value: { count: want.kept, integrity: true, storage: want.storage },
      });
      await page.close();
    });

    test('a commit survives the worker being terminated right after it (OPFS)', async () => {
      const page = await storePage(ctx.browser, ctx.server);
      const result = await inPage(page, async () => {
        const worker = window.rawWorker();
        const opened = await worker.request({ op: 'open', args: { name: 'terminate', storage: 'opfs' } });
        if (!opened.ok) return opened.error.code;
        const handle = opened.result.handle;
        await worker.request({ op: 'createGroup', handle, args: { id: 'g', name: 'G', plan: 'pro' } });
        const things = Array.from({ length: 25 }, (_, i) => ({ type: 't', name: `n${i}` }));
        const reply = await worker.request({ op: 'batchInsertThings', handle, args: { groupId: 'g', things } });
        worker.terminate(); // no close, no flush: right after the commit reply
        return reply.ok;
      });
      if (!ctx.browser.features.opfs) {
        // No OPFS: asking for it explicitly is refused, never a silent memory store.
        assert.deepEqual(result, { ok: true, value: 'STORAGE_UNAVAILABLE' });
      } else {
        assert.deepEqual(result, { ok: true, value: true });
        const kept = await inPage(page, countIn, 'terminate');
        assert.deepEqual(kept, { ok: true, value: { count: 25, integrity: true, storage: 'opfs' } });
      }
      await page.close();
    });

    test('a store written with the default storage survives a browser restart', async () => {
      const want = expected(ctx.browser, 30, { restart: true });
      let page = await storePage(ctx.browser, ctx.server);
      assert.equal((await inPage(page, writeBatch, 'restart', 30)).ok, true);
      await ctx.browser.restart(); // the whole browser goes away
      page = await storePage(ctx.browser, ctx.server);
      assert.deepEqual(await inPage(page, countIn, 'restart'), {
        ok: true,
        value: { count: want.kept, integrity: true, storage: want.storage },
      });
      await page.close();
    });

    test('a second tab opening a held store unshared (shareTabs: false) gets STORE_LOCKED, then succeeds after close', async () => {
      const owner = await storePage(ctx.browser, ctx.server);
      const other = await storePage(ctx.browser, ctx.server);
      await inPage(owner, async () => {
        window.held = await window.edgetally.open({ name: 'shared' });
      });
      const second = await inPage(other, async () => {
        const store = await window.edgetally.open({ name: 'shared', shareTabs: false });
        window.second = store;
        return store.storage;
      });
      assert.equal(second.ok, false);
      assert.equal(second.code, 'STORE_LOCKED');
      assert.equal(second.name, 'StoreUnavailableError');
      await inPage(owner, async () => window.held.close());
      const reopened = await inPage(other, async (name) => {
        const store = await window.edgetally.open({ name });
        await store.close();
        return store.storage;
      }, 'shared');
      assert.deepEqual(reopened, { ok: true, value: expected(ctx.browser, 0).storage });
      await owner.close();
      await other.close();
    });

    test('a worker or wasm that cannot be loaded rejects with IO_ERROR naming the URL and the option', async () => {
      const page = await storePage(ctx.browser, ctx.server);
      const failure = (options) =>
        window.edgetally.open(options).then(
          () => 'opened',
          (e) => ({ name: e.name, code: e.code, details: e.details, message: e.message }),
        );
      const noWorker = await page.evaluate(failure, { name: 'x', storage: 'memory', workerUrl: '/nowhere/worker.js' });
      assert.deepEqual([noWorker.name, noWorker.code], ['StorageError', 'IO_ERROR']);
      assert.deepEqual(noWorker.details, { url: `${ctx.server.url}/nowhere/worker.js`, option: 'workerUrl', asset: 'worker' });
      assert.match(noWorker.message, /open\(\{ workerUrl \}\)/);
      const notWasm = await page.evaluate(failure, { name: 'x', storage: 'memory', wasmUrl: '/tests/e2e/pages/store.html' });
      assert.deepEqual([notWasm.name, notWasm.code], ['StorageError', 'IO_ERROR']);
      assert.deepEqual(notWasm.details, { url: `${ctx.server.url}/tests/e2e/pages/store.html`, option: 'wasmUrl', asset: 'wasm' });
      assert.match(notWasm.message, /not a WebAssembly module.*open\(\{ wasmUrl \}\)/);
      await page.close();
    });

    test('bad input in the browser: typed errors, OPFS file untouched', async () => {
      const page = await storePage(ctx.browser, ctx.server);
      const open = (options) => window.edgetally.open(options);
      assert.equal((await inPage(page, open, { name: 'x', storage: 'node' })).code, 'STORAGE_UNAVAILABLE');
      assert.equal((await inPage(page, open, { name: 'x', storage: 'floppy' })).code, 'UNKNOWN_STORAGE');
      assert.equal((await inPage(page, open, { name: '../x' })).code, 'INVALID_NAME');
      if (ctx.browser.features.opfs) {
        const junk = Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff);
        await inPage(page, (bytes) => window.writeOpfsFile('junk.sqlite3', bytes), junk);
        const refused = await inPage(page, open, { name: 'junk' });
        assert.equal(refused.code, 'NOT_A_DATABASE');
        assert.deepEqual((await inPage(page, (n) => window.readOpfsFile(n), 'junk.sqlite3')).value, junk);
      } else {
        // No OPFS to plant a file in; asking for it is a typed error.
        assert.equal(await page.evaluate(() => typeof navigator.storage), 'undefined');
        assert.equal((await inPage(page, open, { name: 'x', storage: 'opfs' })).code, 'STORAGE_UNAVAILABLE');
      }
      assert.deepEqual(await page.evaluate(() => window.pageErrors), []);
      await page.close();
    });
  });
}
