// The browser bench's timed work, run inside the page (bench/browser/page.html). Each function
// prepares its input untimed, times only the engine's work, checks the answer and returns
// {ms, digest}. Every stack does the same work: the reference's fields, the same row checks
// with the price rule (edgetally: a store rule; peers: JS), one transaction, the new ids
// returned. edgetally and Dexie are durable (OPFS / IndexedDB); sql.js is in memory.
import { open } from '/js/index.browser.js';
import * as dexie from './dexie-peer.mjs';
import { importCsv as edgetallyCsv } from '../peers/edgetally.mjs';
import { importCsv as sqlCsv } from '../peers/sql-csv.mjs';
import { PRICE_RULE, THINGS_SCHEMA, insertThings as sqlInsert } from '../peers/sql-things.mjs';
import * as sqljs from '../peers/sqljs.mjs';
import { makeThings } from '../workloads/insert-things.mjs';

const digest = (ids) => ({ count: ids.length, first: ids[0], last: ids[ids.length - 1] });
let SQL = null;

async function edgetallyStore(name, storage) {
  const store = await open({ name, storage, shareTabs: false });
  await store.createGroup({ id: 'g', name: 'Bench', plan: 'enterprise' });
  await store.setValidationRules({ rules: PRICE_RULE });
  return store;
}

async function csvBytes(rows) {
  const response = await fetch(`/bench-results/browser-${rows}.csv`);
  return new Uint8Array(await response.arrayBuffer());
}

async function timedRun(setUp, work, tearDown) {
  const ctx = await setUp();
  const t0 = performance.now();
  const out = await work(ctx);
  const ms = performance.now() - t0;
  await tearDown(ctx);
  return { ms, out };
}

/** Inserts n things on `stack` ('edgetally', 'edgetally-idb', 'dexie', 'sql.js') as run `run`. */
export async function insertThings(stack, n, run) {
  const things = makeThings(n);
  const name = `bench-insert-${stack}-${run}`;
  if (stack.startsWith('edgetally')) {
    const storage = stack === 'edgetally-idb' ? 'indexeddb' : 'opfs';
    const { ms, out } = await timedRun(() => edgetallyStore(name, storage),
      (store) => store.batchInsertThings({ groupId: 'g', things }), (store) => store.close());
    return { ms, digest: digest(out.created) };
  }
  if (stack === 'dexie') {
    const { ms, out } = await timedRun(() => dexie.fresh(name), (db) => dexie.insertThings(db, things), dexie.close);
    return { ms, digest: digest(out) };
  }
  SQL ??= await sqljs.init();
  const { ms, out } = await timedRun(() => sqljs.fresh(SQL, THINGS_SCHEMA), (db) => sqlInsert(sqljs, db, things), sqljs.close);
  return { ms, digest: digest(out) };
}

/** Imports the bench CSV of `rows` rows (bytes) on `stack` as run `run`. */
export async function importCsv(stack, rows, run) {
  const file = await csvBytes(rows);
  const name = `bench-csv-${stack}-${run}`;
  const summary = (r) => ({ success: r.success, failed: r.failed, ...digest(r.ids) });
  if (stack.startsWith('edgetally')) {
    const storage = stack === 'edgetally-idb' ? 'indexeddb' : 'opfs';
    const { ms, out } = await timedRun(() => edgetallyStore(name, storage),
      (store) => edgetallyCsv({ store, groupId: 'g' }, file), (store) => store.close());
    return { ms, digest: summary(out) };
  }
  if (stack === 'dexie') {
    const { ms, out } = await timedRun(() => dexie.fresh(name), (db) => dexie.importCsv(db, file), dexie.close);
    return { ms, digest: summary(out) };
  }
  SQL ??= await sqljs.init();
  const { ms, out } = await timedRun(() => sqljs.fresh(SQL, THINGS_SCHEMA), (db) => sqlCsv(sqljs, db, file), sqljs.close);
  return { ms, digest: summary(out) };
}
