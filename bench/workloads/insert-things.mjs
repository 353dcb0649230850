// Workload "insert things": N things with JSON properties inserted in one transaction. Holds
// what every stack shares so they all measure the same thing: the generated input, the plain
// SQL schema and statement the raw-SQLite peers use (same table and index as edgetally), the
// row validation a fair user of a raw SQLite library would write by hand, and one timed run.
import { timed } from '../timing.mjs';

const CATEGORIES = ['development', 'design', 'business', 'marketing', 'data'];

/** The input: N course things, generated once per N, outside the timing. */
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

/** The things table of edgetally's schema (src/store/migrations.cpp) minus the groups FK. */
export const THINGS_SCHEMA = `
CREATE TABLE things (
  id INTEGER PRIMARY KEY,
  group_id TEXT NOT NULL,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  properties TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX things_by_group_type ON things (group_id, type);`;

export const INSERT_THING = `INSERT INTO things (group_id, type, name, properties, created_at,
  updated_at) VALUES (?, ?, ?, ?, ?, ?)`;

export const COUNT_THINGS = 'SELECT count(*) FROM things';

/** The group id the raw-SQLite peers write (they have no groups table). */
export const PEER_GROUP_ID = 'g_bench';

const MAX_NAME_LENGTH = 256;

function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Validates one thing the way a careful user of a raw SQLite library would, and returns the
 * bind values of INSERT_THING. Throws on an invalid row.
 */
export function toRow(thing, groupId, now) {
  if (typeof thing.type !== 'string' || thing.type.length === 0) {
    throw new TypeError('type must be a non-empty string');
  }
  const name = typeof thing.name === 'string' ? thing.name.trim() : '';
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw new TypeError(`name must be 1-${MAX_NAME_LENGTH} characters`);
  }
  const properties = thing.properties ?? {};
  if (!isPlainObject(properties)) throw new TypeError('properties must be a plain object');
  return [groupId, thing.type, name, JSON.stringify(properties), now, now];
}

/**
 * Times one insert on a fresh database of `peer` and checks the rows landed.
 * A peer provides fresh(ctx) -> db, insert(db, things) -> rows reported inserted,
 * count(db) -> rows in the table, close(db).
 */
export async function timeInsertOnce(peer, ctx, things) {
  const db = await peer.fresh(ctx);
  const { ms, value: inserted } = await timed(() => peer.insert(db, things));
  const counted = await peer.count(db);
  await peer.close(db);
  expectCounts(peer.name, 'rows', { inserted, counted }, things.length);
  return ms;
}

/** Throws unless every count in `counts` ({label -> number}) equals `expected`. */
export function expectCounts(stack, what, counts, expected) {
  if (Object.values(counts).every((value) => value === expected)) return;
  const got = Object.entries(counts).map(([label, value]) => `${label} ${value}`).join(', ');
  throw new Error(`${stack}: ${what} ${got}, expected ${expected}`);
}

/** Validates and runs every thing through runRow(values); returns the number of rows run. */
export function insertRows(things, runRow) {
  const now = Date.now();
  for (const thing of things) runRow(toRow(thing, PEER_GROUP_ID, now));
  return things.length;
}
