// The package in headless Chromium: a store written in a Worker through OPFS survives a worker
// terminated right after commit, a page reload and a browser restart; a second opener gets
// STORE_LOCKED; bad input gets typed errors and leaves OPFS files untouched.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../scripts/lib/static-server.mjs';
import { launchPersistent, openPage } from './browser.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'edgetally-chromium-'));
let server;
let context;
let pageUrl;

before(async () => {
  server = await startStaticServer({ root });
  pageUrl = `${server.url}/tests/e2e/pages/store.html`;
  context = await launchPersistent(profile);
});

after(async () => {
  await context?.close();
  await server?.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

// Runs `fn(name, ...args)` in the page and returns {ok, value} or {ok: false, code, name}.
function inPage(page, fn, ...args) {
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

const writeBatch = async (name, count) => {
  const store = await window.edgetally.open({ name });
  const group = await store.createGroup({ id: 'g', name: 'G', plan: 'pro' }).catch(() => null);
  const things = Array.from({ length: count }, (_, i) => ({ type: 'doc', name: `d${i}` }));
  const result = await store.batchInsertThings({ groupId: 'g', things });
  return { storage: store.storage, created: result.summary.success, group: group?.id };
};

const countIn = async (name) => {
  const store = await window.edgetally.open({ name });
  const count = await store.countThings({ groupId: 'g' });
  const integrity = await store.checkIntegrity();
  await store.close();
  return { count, integrity: integrity.ok };
};

test('a store written through OPFS survives a page reload', async () => {
  const page = await openPage(context, pageUrl);
  const written = await inPage(page, writeBatch, 'reload', 40);
  assert.deepEqual(written, { ok: true, value: { storage: 'opfs', created: 40, group: 'g' } });
  await page.reload(); // the worker dies with the page, store never closed
  await page.waitForFunction(() => window.ready === true);
  assert.deepEqual(await inPage(page, countIn, 'reload'), { ok: true, value: { count: 40, integrity: true } });
  await page.close();
});

test('a commit survives the worker being terminated right after it', async () => {
  const page = await openPage(context, pageUrl);
  const result = await inPage(page, async () => {
    const worker = window.rawWorker();
    const opened = await worker.request({ op: 'open', args: { name: 'terminate', storage: 'opfs' } });
    const handle = opened.result.handle;
    await worker.request({ op: 'createGroup', handle, args: { id: 'g', name: 'G', plan: 'pro' } });
    const things = Array.from({ length: 25 }, (_, i) => ({ type: 't', name: `n${i}` }));
    const reply = await worker.request({ op: 'batchInsertThings', handle, args: { groupId: 'g', things } });
    worker.terminate(); // no close, no flush: right after the commit reply
    return reply.ok;
  });
  assert.deepEqual(result, { ok: true, value: true });
  assert.deepEqual(await inPage(page, countIn, 'terminate'), { ok: true, value: { count: 25, integrity: true } });
  await page.close();
});

test('a store written through OPFS survives a browser restart', async () => {
  let page = await openPage(context, pageUrl);
  assert.equal((await inPage(page, writeBatch, 'restart', 30)).ok, true);
  await context.close(); // the whole browser goes away
  context = await launchPersistent(profile);
  page = await openPage(context, pageUrl);
  assert.deepEqual(await inPage(page, countIn, 'restart'), { ok: true, value: { count: 30, integrity: true } });
  await page.close();
});

test('a second tab opening a held store gets STORE_LOCKED, then succeeds after close', async () => {
  const owner = await openPage(context, pageUrl);
  const other = await openPage(context, pageUrl);
  await inPage(owner, async () => {
    window.held = await window.edgetally.open({ name: 'shared' });
  });
  const refused = await inPage(other, async () => window.edgetally.open({ name: 'shared' }));
  assert.equal(refused.ok, false);
  assert.equal(refused.code, 'STORE_LOCKED');
  assert.equal(refused.name, 'StoreUnavailableError');
  await inPage(owner, async () => window.held.close());
  const reopened = await inPage(other, async (name) => {
    const store = await window.edgetally.open({ name });
    await store.close();
    return store.storage;
  }, 'shared');
  assert.deepEqual(reopened, { ok: true, value: 'opfs' });
  await owner.close();
  await other.close();
});

test('bad input in the browser: typed errors, OPFS file untouched', async () => {
  const page = await openPage(context, pageUrl);
  const open = (options) => window.edgetally.open(options);
  assert.equal((await inPage(page, open, { name: 'x', storage: 'node' })).code, 'STORAGE_UNAVAILABLE');
  assert.equal((await inPage(page, open, { name: 'x', storage: 'floppy' })).code, 'UNKNOWN_STORAGE');
  assert.equal((await inPage(page, open, { name: '../x' })).code, 'INVALID_NAME');
  const junk = Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff);
  await inPage(page, (bytes) => window.writeOpfsFile('junk.sqlite3', bytes), junk);
  const refused = await inPage(page, open, { name: 'junk' });
  assert.equal(refused.code, 'NOT_A_DATABASE');
  assert.deepEqual((await inPage(page, (n) => window.readOpfsFile(n), 'junk.sqlite3')).value, junk);
  assert.deepEqual(page.errors, []);
  await page.close();
});
