// Benchmark adapter for better-sqlite3, a native (not wasm) SQLite binding for Node: the
// ceiling a wasm build cannot reach, shown so the wasm numbers have a reference point.
// Uses its normal API: new Database(':memory:'), db.prepare(...).run(...) in db.transaction().
import {
  COUNT_THINGS,
  INSERT_THING,
  THINGS_SCHEMA,
  insertRows,
} from '../workloads/insert-things.mjs';

export const name = 'better-sqlite3';

export async function init() {
  const { default: Database } = await import('better-sqlite3');
  return Database;
}

/** Opens a database, answers one query, closes; returns the SQLite version. */
export function firstAnswer(Database) {
  const db = new Database(':memory:');
  const version = db.prepare('SELECT sqlite_version()').pluck().get();
  db.close();
  return version;
}

export function fresh(Database) {
  const db = new Database(':memory:');
  db.exec(THINGS_SCHEMA);
  return db;
}

export function insert(db, things) {
  const stmt = db.prepare(INSERT_THING);
  return db.transaction(() => insertRows(things, (values) => stmt.run(values)))();
}

export function count(db) {
  return db.prepare(COUNT_THINGS).pluck().get();
}

export function close(db) {
  db.close();
}

/**
 * A statement prepared once: run(params), get(params) -> the first row's values or undefined,
 * free() (nothing to do: better-sqlite3 finalizes statements when they are collected).
 */
export function prepare(db, sql) {
  const stmt = db.prepare(sql);
  if (stmt.reader) stmt.raw();
  return { run: (params) => stmt.run(params), get: (params) => stmt.get(params), free() {} };
}
