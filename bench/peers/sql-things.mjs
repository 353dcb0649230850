// Things in plain SQL on a raw SQLite peer (sql.js, sqlite-wasm, better-sqlite3), as a careful
// developer would write batchInsertThings without edgetally: edgetally's things table and
// index (src/store/migrations.cpp, minus the groups foreign key), one prepared INSERT in one
// transaction, and per row the checks edgetally makes: type and name (trimmed, 1-256
// characters), properties a plain object, and the store rule every engine gets in this bench
// (PRICE_RULE: "price is a number >= 0"), checked in JS. Answers the new ids, as edgetally does.
import { withTransaction } from './transaction.mjs';

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

const INSERT_THING = `INSERT INTO things (group_id, type, name, properties, created_at,
  updated_at) VALUES (?, ?, ?, ?, ?, ?)`;
const COUNT_THINGS = 'SELECT count(*) FROM things';

/** The group id the raw-SQLite peers write (they have no groups table). */
export const PEER_GROUP_ID = 'g_bench';

/** The store rule of every engine: edgetally's setValidationRules form of it. */
export const PRICE_RULE = { schemas: { course: { price: { type: 'number', min: 0, required: true } } } };

const MAX_NAME_LENGTH = 256;

function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** PRICE_RULE in JS: a course's properties.price must be a number >= 0. */
function checkPrice(type, properties) {
  if (type !== 'course') return;
  const { price } = properties;
  if (typeof price !== 'number' || !(price >= 0)) throw new TypeError('price must be a number >= 0');
}

/** The INSERT_THING values of one thing; throws a TypeError naming the rule it breaks. */
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
  checkPrice(thing.type, properties);
  return [groupId, thing.type, name, JSON.stringify(properties), now, now];
}

/** A prepared thing INSERT on `db`: {insert(row values) -> id, free()}. */
export function thingInserter(peer, db) {
  return peer.prepare(db, INSERT_THING);
}

/**
 * Validates and inserts `things` in one transaction (atomic: the first bad row throws and
 * nothing is written); returns the new ids.
 */
export function insertThings(peer, db, things) {
  const insert = thingInserter(peer, db);
  const now = Date.now();
  try {
    return withTransaction(db, () => things.map((thing) => insert.insert(toRow(thing, PEER_GROUP_ID, now))));
  } finally {
    insert.free();
  }
}

/** Rows in the things table. */
export function countThings(peer, db) {
  const count = peer.prepare(db, COUNT_THINGS);
  const [rows] = count.get([]);
  count.free();
  return rows;
}
