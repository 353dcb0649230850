// Workload "insert things": N things with the reference's fields (type 'course', a name, and
// properties description, price, category, instructor) inserted in one atomic batch with the
// price rule: edgetally's batchInsertThings with the rule set by setValidationRules; for the
// raw SQLite peers a prepared INSERT in one transaction with the same checks in JS
// (bench/peers/sql-things.mjs). Every stack answers the new ids.
import { insertThings as sqlInsertThings, countThings, THINGS_SCHEMA } from '../peers/sql-things.mjs';
import { ALL_STACKS, expectCounts, idsDigest, stackOf } from './stacks.mjs';

const CATEGORIES = ['development', 'design', 'business', 'marketing', 'data'];

export const name = 'insert-things';
export const unit = 'ms';
export const sameWork = 'every stack: the reference fields, type/name/properties checks and ' +
  '"price is a number >= 0" (edgetally: a store rule; peers: JS), one transaction, new ids returned';
export const goal = { n: 100_000, warmMs: 250 };
export const title = (n) => `insert ${n.toLocaleString('en-US')} things, atomic, price rule`;
export const sizes = ({ quick }) => (quick ? [10_000] : [10_000, 100_000]);
export const runs = ({ runs }, n) => (n >= 100_000 ? Math.min(runs, 3) : runs);
export const stacks = () => ALL_STACKS;

/** The input: N course things. */
export function makeThings(n) {
  return Array.from({ length: n }, (_, i) => ({
    type: 'course',
    name: `Course ${i}`,
    properties: {
      description: `Hands-on course number ${i} covering the basics and practice.`,
      price: (i % 500) / 10 + 0.99,
      category: CATEGORIES[i % CATEGORIES.length],
      instructor: `Instructor ${i % 97}`,
    },
  }));
}

/** Per stack: fresh(lib) -> db, insert(db, things) -> ids, count(db), close(db). */
export function thingsApi(label) {
  const { peer } = stackOf(label);
  if (peer.name === 'edgetally') {
    return { peer, fresh: (lib) => peer.fresh(lib), insert: peer.insertThings, count: peer.countThings, close: peer.close };
  }
  return {
    peer,
    fresh: (lib) => peer.fresh(lib, THINGS_SCHEMA),
    insert: (db, things) => sqlInsertThings(peer, db, things),
    count: (db) => countThings(peer, db),
    close: (db) => peer.close(db),
  };
}

export async function setUp(label, n) {
  const api = thingsApi(label);
  return { label, api, lib: await api.peer.init(), things: makeThings(n) };
}

export const before = ({ api, lib }) => api.fresh(lib);
export const run = ({ api, things }, db) => api.insert(db, things);

export async function after({ label, api, things }, db, ids) {
  const counted = await api.count(db);
  await api.close(db);
  expectCounts(label, 'things', { ids: ids.length, counted }, things.length);
  return { ids: idsDigest(ids) };
}
