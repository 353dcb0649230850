// Storage selection and the IndexedDB backend, in each browser engine (engines.mjs). With OPFS
// sync access handles hidden (pages/worker-switches.js, as WebKit or a Firefox private window
// are), 'auto' persists through IndexedDB and passes the durability tests OPFS passes: page
// reload, worker terminated right after a commit, browser restart, a second tab refused; a
// worker killed mid-save or inside a long transaction leaves the last commit, sound; a failed
// save is an error and a storage event. In a real Firefox private window 'auto' gets IndexedDB. 'memory', and 'auto' where nothing persists, say
// persistent false; requirePersistence refuses them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ENGINES, useBrowser } from './engines.mjs';
import { inPage, storePage } from './store-page.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const NO_OPFS = '/tests/e2e/pages/worker-switches.js?hide=opfs';
const NOTHING = '/tests/e2e/pages/worker-switches.js?hide=opfs,indexeddb';

// In the page: opens `options`, writes `count` things into group g, returns what it used.
const writeBatch = async (options, count) => {
  const store = await window.edgetally.open(options);
  await store.createGroup({ id: 'g', name: 'G', plan: 'pro' }).catch(() => null);
  const things = Array.from({ length: count }, (_, i) => ({ type: 'doc', name: `d${i}` }));
  const result = await store.batchInsertThings({ groupId: 'g', things });
  return { storage: store.storage, persistent: store.persistent, created: result.summary.success };
};

const countIn = async (options) => {
  const store = await window.edgetally.open(options);
  const count = await store.countThings({ groupId: 'g' }).catch((e) => (e.code === 'NOT_FOUND' ? -1 : Promise.reject(e)));
  const integrity = await store.checkIntegrity();
  await store.close();
  return { storage: store.storage, count, integrity: integrity.ok };
};

const reload = async (page) => {
  await page.reload(); // the worker dies with the page, store never closed
  await page.waitFor(() => window.ready === true);
};

const pageErrors = (page) => page.evaluate(() => window.pageErrors);

for (const engine of ENGINES) {
  describe(`storage (${engine})`, () => {
    const ctx = useBrowser(engine, { serve: root });

    test('without OPFS, auto stores in IndexedDB, persistent, and it survives a reload', async () => {
      const page = await storePage(ctx.browser, ctx.server);
      const options = { name: 'idb-reload', workerUrl: NO_OPFS };
      const written = await inPage(page, writeBatch, options, 40);
      assert.deepEqual(written.value, { storage: 'indexeddb', persistent: true, created: 40 });
      await reload(page);
      const back = await inPage(page, countIn, options);
      assert.deepEqual(back.value, { storage: 'indexeddb', count: 40, integrity: true });
      await page.close();
    });

    test('auto stores in OPFS, or IndexedDB without it: persistent, and it survives a reload', async () => {
      const storage = ctx.browser.features.opfs ? 'opfs' : 'indexeddb';
      const page = await storePage(ctx.browser, ctx.server);
      const written = await inPage(page, writeBatch, { name: 'auto-persistent' }, 10);
      assert.deepEqual(written.value, { storage, persistent: true, created: 10 });
      await reload(page);
      const back = await inPage(page, countIn, { name: 'auto-persistent' });
      assert.deepEqual(back.value, { storage, count: 10, integrity: true });
      await page.close();
    });

    test('IndexedDB: a commit survives the worker being terminated right after its reply', async () => {
      const page = await storePage(ctx.browser, ctx.server);
      const result = await inPage(page, async (url) => {
        const worker = window.rawWorker(url);
        const opened = await worker.request({ op: 'open', args: { name: 'idb-terminate', storage: 'auto' } });
        const handle = opened.result.handle;
        await worker.request({ op: 'createGroup', handle, args: { id: 'g', name: 'G', plan: 'pro' } });
        const things = Array.from({ length: 25 }, (_, i) => ({ type: 't', name: `n${i}` }));
        const reply = await worker.request({ op: 'batchInsertThings', handle, args: { groupId: 'g', things } });
        worker.terminate(); // no close: right after the commit reply
        return { ok: reply.ok, storage: opened.result.storage };
      }, NO_OPFS);
      assert.deepEqual(result.value, { ok: true, storage: 'indexeddb' });
      const back = await inPage(page, countIn, { name: 'idb-terminate', workerUrl: NO_OPFS });
      assert.deepEqual(back.value, { storage: 'indexeddb', count: 25, integrity: true });
      await page.close();
    });

    test('IndexedDB: a worker terminated in the middle of saving leaves a sound store', async () => {
      const page = await storePage(ctx.browser, ctx.server);
      // Each round: 10 committed rows, then a 3000-row batch cut off after `delay` ms. Whatever
      // the moment, the store reopens sound with the batch all there or not at all.
      for (const delay of [0, 1, 3, 10, 30, 100]) {
        const name = `idb-cut-${delay}`;
        const sent = await inPage(page, async (url, store, wait) => {
          const worker = window.rawWorker(url);
          const { result } = await worker.request({ op: 'open', args: { name: store, storage: 'auto' } });
          const { handle } = result;
          await worker.request({ op: 'createGroup', handle, args: { id: 'g', name: 'G', plan: 'pro' } });
          const first = Array.from({ length: 10 }, (_, i) => ({ type: 't', name: `a${i}` }));
          await worker.request({ op: 'batchInsertThings', handle, args: { groupId: 'g', things: first } });
          const batch = Array.from({ length: 3000 }, (_, i) => ({ type: 't', name: `b${i}` }));
          worker.request({ op: 'batchInsertThings', handle, args: { groupId: 'g', things: batch } });
          await new Promise((resolve) => setTimeout(resolve, wait));
          worker.terminate();
          return result.storage;
        }, NO_OPFS, name, delay);
        assert.equal(sent.value, 'indexeddb');
        const back = await inPage(page, countIn, { name, workerUrl: NO_OPFS });
        assert.equal(back.value.integrity, true, `sound after a cut at ${delay} ms`);
        assert.ok([10, 3010].includes(back.value.count), `all or nothing at ${delay} ms: ${back.value.count}`);
      }
      await page.close();
    });

    test('IndexedDB: a worker terminated inside a long transaction leaves the last commit', async () => {
      const page = await storePage(ctx.browser, ctx.server);
      // One atomic batch over many messages grows past SQLite's page cache, so SQLite writes
      // uncommitted pages to the database file before the commit, among them pages of the type
      // index that the committed rows already use; none of them may be saved.
      const sent = await inPage(page, async (url) => {
        const worker = window.rawWorker(url);
        const { result } = await worker.request({ op: 'open', args: { name: 'idb-spill', storage: 'auto' } });
        const { handle } = result;
        const call = async (op, args) => {
          const reply = await worker.request({ op, handle, args });
          if (!reply.ok) throw new Error(`${op}: ${reply.error.message}`);
          return reply.result;
        };
        const rows = (count, prefix, extra) =>
          Array.from({ length: count }, (_, i) => ({ type: `t${(i * 37) % 100}`, name: `${prefix}${i}`, ...extra }));
        await call('createGroup', { id: 'g', name: 'G', plan: 'enterprise' });
        await call('batchInsertThings', { groupId: 'g', things: rows(20000, 'a') });
        await call('beginBatch', { groupId: 'g', mode: 'atomic', total: 60000 });
        const properties = { padding: 'x'.repeat(200) };
        for (let chunk = 0; chunk < 6; chunk++) await call('batchChunk', { things: rows(10000, `c${chunk}-`, { properties }) });
        worker.terminate(); // the batch never ends: its transaction is still open
        return result.storage;
      }, NO_OPFS);
      assert.equal(sent.value, 'indexeddb', sent.message);
      const back = await inPage(page, countIn, { name: 'idb-spill', workerUrl: NO_OPFS });
      assert.deepEqual(back.value, { storage: 'indexeddb', count: 20000, integrity: true });
      await page.close();
    });

    test('IndexedDB: a store survives a browser restart', async () => {
      let page = await storePage(ctx.browser, ctx.server);
      const options = { name: 'idb-restart', workerUrl: NO_OPFS };
      assert.equal((await inPage(page, writeBatch, options, 30)).value.created, 30);
      await ctx.browser.restart(); // the whole browser goes away
      page = await storePage(ctx.browser, ctx.server);
      const back = await inPage(page, countIn, options);
      const kept = ctx.browser.features.restartKeepsData ? 30 : -1; // WebKit's driver keeps no data
      assert.deepEqual(back.value, { storage: 'indexeddb', count: kept, integrity: true });
      await page.close();
    });

    test('IndexedDB: a second tab gets STORE_LOCKED, then succeeds after close', async () => {
      const owner = await storePage(ctx.browser, ctx.server);
      const other = await storePage(ctx.browser, ctx.server);
      const options = { name: 'idb-shared', workerUrl: NO_OPFS };
      await inPage(owner, async (opts) => {
        window.held = await window.edgetally.open(opts);
      }, options);
      const refused = await inPage(other, async (opts) => window.edgetally.open(opts), options);
      assert.equal(refused.code, 'STORE_LOCKED');
      await inPage(owner, async () => window.held.close());
      const reopened = await inPage(other, countIn, options);
      assert.equal(reopened.value.storage, 'indexeddb');
      await owner.close();
      await other.close();
    });

    test('IndexedDB: a failed save rejects the call and turns persistent false; the next save carries it', async () => {
      const page = await storePage(ctx.browser, ctx.server);
      const options = { name: 'idb-faults', workerUrl: `${NO_OPFS}&faults=1` };
      const seen = await inPage(page, async (opts) => {
        const faults = new BroadcastChannel('edgetally-faults');
        const setFailing = (on) => {
          const acknowledged = new Promise((resolve) => (faults.onmessage = resolve));
          faults.postMessage({ failSaves: on });
          return acknowledged;
        };
        const store = await window.edgetally.open(opts);
        const statuses = [];
        store.onStorage((status) => statuses.push(status));
        await store.createGroup({ id: 'g', name: 'G', plan: 'pro' });
        await store.insertThing({ groupId: 'g', type: 't', name: 'before' });
        await setFailing(true);
        const failed = await store.insertThing({ groupId: 'g', type: 't', name: 'during' }).then(
          () => null,
          (error) => ({ code: error.code, name: error.name }),
        );
        const whileFailing = store.persistent;
        await setFailing(false);
        await store.insertThing({ groupId: 'g', type: 't', name: 'after' });
        await store.close();
        return { failed, whileFailing, after: store.persistent, statuses };
      }, options);
      const { failed, whileFailing, after, statuses } = seen.value;
      assert.deepEqual(failed, { code: 'IO_ERROR', name: 'StorageError' });
      assert.equal(whileFailing, false);
      assert.equal(after, true);
      assert.deepEqual(statuses.map(({ storage, persistent }) => ({ storage, persistent })), [
        { storage: 'indexeddb', persistent: true },
        { storage: 'indexeddb', persistent: false },
        { storage: 'indexeddb', persistent: true },
      ]);
      assert.match(statuses[1].reason, /not saved to IndexedDB/);
      assert.equal(statuses[2].reason, statuses[0].reason, 'back to why auto chose IndexedDB');
      assert.match(statuses[0].reason, /OPFS/);
      const back = await inPage(page, countIn, options);
      assert.deepEqual(back.value, { storage: 'indexeddb', count: 3, integrity: true }, 'the failed write was saved with the next');
      await page.close();
    });

    test("storage 'indexeddb' forces IndexedDB where OPFS exists; auto then finds the store there", async () => {
      const page = await storePage(ctx.browser, ctx.server);
      const written = await inPage(page, writeBatch, { name: 'idb-forced', storage: 'indexeddb' }, 12);
      assert.deepEqual(written.value, { storage: 'indexeddb', persistent: true, created: 12 });
      await reload(page);
      const back = await inPage(page, countIn, { name: 'idb-forced' }); // auto, OPFS available
      assert.deepEqual(back.value, { storage: 'indexeddb', count: 12, integrity: true });
      await page.close();
    });

    test("storage 'memory' is not persistent, and onStorage says so", async () => {
      const page = await storePage(ctx.browser, ctx.server);
      const status = await inPage(page, async () => {
        const store = await window.edgetally.open({ name: 'mem', storage: 'memory' });
        const seen = await new Promise((resolve) => store.onStorage(resolve));
        await store.close();
        return { persistent: store.persistent, seen };
      });
      assert.deepEqual(status.value, { persistent: false, seen: { type: 'storage', storage: 'memory', persistent: false } });
      await page.close();
    });

    test('where nothing persists, auto gives memory and says why; requirePersistence rejects', async () => {
      const page = await storePage(ctx.browser, ctx.server);
      const fallback = await inPage(page, async (url) => {
        const store = await window.edgetally.open({ name: 'nowhere', workerUrl: url });
        const seen = await new Promise((resolve) => store.onStorage(resolve));
        await store.close();
        return seen;
      }, NOTHING);
      assert.equal(fallback.value.storage, 'memory');
      assert.equal(fallback.value.persistent, false);
      assert.match(fallback.value.reason, /OPFS.*IndexedDB is not available/);
      const open = (options) => window.edgetally.open(options);
      const refused = await inPage(page, open, { name: 'nowhere', workerUrl: NOTHING, requirePersistence: true });
      assert.equal(refused.code, 'STORAGE_UNAVAILABLE');
      assert.equal(refused.name, 'StorageError');
      const memory = await inPage(page, open, { name: 'nowhere', storage: 'memory', requirePersistence: true });
      assert.equal(memory.code, 'STORAGE_UNAVAILABLE');
      const opfs = await inPage(page, open, { name: 'nowhere', storage: 'opfs', workerUrl: NO_OPFS });
      assert.equal(opfs.code, 'STORAGE_UNAVAILABLE');
      assert.deepEqual(await pageErrors(page), []);
      await page.close();
    });
  });
}

// A real Firefox private-browsing session (not a hidden API): OPFS is refused there.
describe('storage (firefox, private browsing)', { skip: !ENGINES.includes('firefox') && 'firefox not in EDGETALLY_ENGINES' }, () => {
  const ctx = useBrowser('firefox', { serve: root, firefoxPrefs: { 'browser.privatebrowsing.autostart': true } });

  test('auto gives IndexedDB, says why, and the store survives a reload', async () => {
    const page = await storePage(ctx.browser, ctx.server);
    const status = await inPage(page, async () => {
      const store = await window.edgetally.open({ name: 'private' });
      await store.close();
      return store.storageStatus;
    });
    assert.deepEqual(status.value, {
      type: 'storage',
      storage: 'indexeddb',
      persistent: true,
      reason: 'OPFS is refused (SecurityError)',
    });
    assert.equal((await inPage(page, writeBatch, { name: 'private' }, 15)).value.created, 15);
    await reload(page);
    assert.deepEqual((await inPage(page, countIn, { name: 'private' })).value, { storage: 'indexeddb', count: 15, integrity: true });
    await page.close();
  });
});
