// Tabs share one store, in each engine (engines.mjs): the first tab owns it (Web Lock) and the
// others send their calls to it; every tab sees the same data and events; when the owner goes
// away another tab takes over with nothing lost or applied twice, and calls in flight during
// the hand-over are answered or rejected with OWNER_CHANGED, never lost silently. With sync
// configured (the reference server on the same origin), only the owner syncs, and the tab that
// takes over syncs what was written before and after. Where a store is in memory (an engine
// without persistent storage), each tab has its own.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoServer } from '../../scripts/lib/demo-server.mjs';
import { ENGINES, useBrowser } from './engines.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The server's running total of `metric` for `groupId` once it reaches `expected` (or what it
// is after 30 s, for the assertion to report).
async function serverTotal(serverUrl, groupId, metric, expected) {
  const token = await (await fetch(`${serverUrl}/demo/token?group=${groupId}`)).text();
  const read = async () => {
    const view = await (await fetch(`${serverUrl}/v1/groups/${groupId}`, { headers: { authorization: `Bearer ${token}` } })).json();
    return view.totals.filter((row) => row.metric === metric).reduce((sum, row) => sum + row.value, 0);
  };
  for (const deadline = Date.now() + 30000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    if ((await read()) === expected) return expected;
  }
  return read();
}

for (const engine of ENGINES) {
  describe(`tabs (${engine})`, () => {
    const ctx = useBrowser(engine, { serve: root });
    const tab = async (store) => {
      const page = await ctx.browser.newPage(`${ctx.server.url}/tests/e2e/pages/tabs.html?store=${store}`);
      await page.waitFor(() => window.ready === true || window.failed);
      return page;
    };
    const shares = () => true; // every engine persists (OPFS, or IndexedDB in WebKitGTK), so tabs share

    test('a second tab shares the owner\'s store: same data, events both ways, chunked batches', async () => {
      const a = await tab('shared1');
      const b = await tab('shared1');
      if (!shares()) {
        assert.deepEqual(await b.evaluate(() => [window.store.isOwner, window.store.storage]), [true, 'memory']);
        await a.close();
        await b.close();
        return;
      }
      assert.equal(await a.evaluate(() => window.store.isOwner), true);
      assert.equal(await b.evaluate(() => window.store.isOwner), false);
      await b.evaluate(() => window.store.createGroup({ id: 'g', name: 'G', plan: 'starter' }));
      const created = await b.evaluate(async () => {
        const things = Array.from({ length: 50 }, (_, i) => ({ type: 'doc', name: `d${i}` }));
        const progress = [];
        const r = await window.store.batchInsertThings({ groupId: 'g', things, chunkSize: 10, onProgress: (p) => progress.push(p.rowsDone) });
        return { ids: r.created.length, progress };
      });
      assert.deepEqual(created, { ids: 50, progress: [10, 20, 30, 40, 50] });
      assert.equal(await a.evaluate(() => window.store.countThings({ groupId: 'g' })), 50);
      // a quota alert caused by the owner's call reaches the follower, and the other way round
      await a.evaluate(() => window.store.recordUsage({ groupId: 'g', metric: 'users', amount: 4 }));
      await b.waitFor(() => window.events.some((e) => e.type === 'quota' && e.metric === 'users'));
      await b.evaluate(() => window.store.recordUsage({ groupId: 'g', metric: 'users', amount: 2 }));
      await a.waitFor(() => window.events.some((e) => e.type === 'quota' && e.status === 'exceeded'));
      // a follower's close closes only that tab
      await b.evaluate(() => window.store.close());
      assert.equal(await a.evaluate(() => window.store.countThings({ groupId: 'g' })), 50);
      await a.close();
      await b.close();
    });

    test('when the owner goes away, a follower takes over with everything there and keeps working', async (t) => {
      if (!shares()) return t.diagnostic(`${engine}: memory stores are per tab; nothing to take over`);
      const a = await tab('shared2');
      const b = await tab('shared2');
      await a.evaluate(() => window.store.createGroup({ id: 'g', name: 'G', plan: 'pro' }));
      await b.evaluate(() => window.store.insertThing({ groupId: 'g', type: 'doc', name: 'before' }));
      const closedAt = Date.now();
      await a.close(); // the tab goes away without closing its store, as on a crash or navigation
      await b.waitFor(() => window.store.isOwner === true);
      t.diagnostic(`takeover after the owner tab closed: ${(await b.evaluate(() => window.tookOverAt)) - closedAt} ms`);
      assert.equal(await b.evaluate(() => window.store.countThings({ groupId: 'g' })), 1);
      await b.evaluate(() => window.store.insertThing({ groupId: 'g', type: 'doc', name: 'after' }));
      const c = await tab('shared2'); // a new tab follows the new owner
      assert.equal(await c.evaluate(() => window.store.countThings({ groupId: 'g' })), 2);
      await b.close();
      await c.close();
    });

    test('a follower that goes away in the middle of its chunked batch: the batch is not committed and the other tabs go on', async (t) => {
      if (!shares()) return t.diagnostic(`${engine}: memory stores are per tab; no batch to share`);
      const a = await tab('shared5');
      const b = await tab('shared5');
      await a.evaluate(() => window.store.createGroup({ id: 'g', name: 'G', plan: 'enterprise' }));
      await b.evaluate(() => {
        const things = Array.from({ length: 20000 }, (_, i) => ({ type: 'doc', name: `d${i}` }));
        window.rowsDone = 0;
        window.store.batchInsertThings({ groupId: 'g', things, chunkSize: 2, onProgress: (p) => (window.rowsDone = p.rowsDone) }).catch(() => {});
        return true;
      });
      await b.waitFor(() => window.rowsDone > 0);
      await b.close(); // mid-batch, without ending it, as on a crash
      // Before, the owner's next call waited forever behind the dead tab's batch. The bound only
      // turns such a hang into a failed assertion.
      const answer = await a.evaluate(() => Promise.race([
        window.store.countThings({ groupId: 'g' }),
        new Promise((resolve) => setTimeout(() => resolve('still waiting after 20 s'), 20000)),
      ]));
      assert.equal(answer, 0, 'an atomic batch whose tab went away leaves nothing');
      await a.evaluate(() => window.store.insertThing({ groupId: 'g', type: 'doc', name: 'after' }));
      assert.equal(await a.evaluate(() => window.store.countThings({ groupId: 'g' })), 1);
      await a.close();
    });

    test('with sync configured, only the owner syncs; the tab that takes over syncs what was written before and after', async (t) => {
      if (!shares()) return t.diagnostic(`${engine}: memory stores are per tab; nothing to take over`);
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'edgetally-tabs-sync-'));
      const server = await startDemoServer({ root, dataDir: work });
      t.after(async () => {
        await server.close();
        fs.rmSync(work, { recursive: true, force: true });
      });
      const syncTab = async () => {
        const page = await ctx.browser.newPage(`${server.url}/tests/e2e/pages/tabs.html?store=synced&sync=1`);
        await page.waitFor(() => window.ready === true || window.failed);
        return page;
      };
      const a = await syncTab();
      const b = await syncTab();
      assert.deepEqual(await b.evaluate(() => [window.failed ?? null, window.store.isOwner]), [null, false]);
      await a.evaluate(() => window.store.createGroup({ id: 'g', name: 'G', plan: 'pro' }));
      await b.evaluate(() => window.store.recordUsage({ groupId: 'g', metric: 'users', amount: 2 })); // the owner sends it
      assert.equal(await serverTotal(server.url, 'g', 'users', 2), 2);
      assert.equal(await b.evaluate(() => window.store.getSyncStatus().then((s) => s.lastAttemptAt)), null, 'a follower never syncs');
      await a.close();
      await b.waitFor(() => window.store.isOwner === true);
      await b.evaluate(() => window.store.recordUsage({ groupId: 'g', metric: 'users', amount: 3 }));
      assert.equal(await serverTotal(server.url, 'g', 'users', 5), 5);
      await b.waitFor(() => window.store.getSyncStatus().then((s) => s.pendingCount === 0 && s.lastSuccessAt !== null));
      await b.close();
    });

    test('calls in flight while the owner goes away are answered or rejected with OWNER_CHANGED, none lost or doubled', async (t) => {
      if (!shares()) return t.diagnostic(`${engine}: memory stores are per tab; no hand-over`);
      const a = await tab('shared3');
      const b = await tab('shared3');
      await a.evaluate(() => window.store.createGroup({ id: 'g', name: 'G', plan: 'pro' }));
      await b.evaluate(() => {
        window.outcomes = null;
        const calls = Array.from({ length: 40 }, (_, i) =>
          window.store.insertThing({ groupId: 'g', type: 'doc', name: `n${i}` }).then(() => 'ok', (error) => error.code));
        Promise.all(calls).then((results) => (window.outcomes = results));
      });
      await a.close();
      const results = await b.waitFor(() => window.outcomes);
      const ok = results.filter((r) => r === 'ok').length;
      const retryable = results.filter((r) => r === 'OWNER_CHANGED').length;
      assert.equal(ok + retryable, 40, `unexpected outcomes: ${results.join()}`);
      await b.waitFor(() => window.store.isOwner === true);
      const names = await b.evaluate(async () => {
        const out = [];
        for (let id = 1; id <= 40; id += 1) {
          const thing = await window.store.getThing({ thingId: id }).catch(() => null);
          if (thing) out.push(thing.name);
        }
        return out;
      });
      assert.ok(names.length >= ok && names.length <= ok + retryable, `${names.length} stored, ok ${ok}, retryable ${retryable}`);
      assert.equal(new Set(names).size, names.length, 'no call applied twice');
      await b.close();
    });
  });
}
