// Benchmark adapter for sql.js (SQLite compiled to wasm by Emscripten, an in-memory database
// held in the wasm heap): the stack a web app would otherwise pick to run SQLite in the page.
// Uses its normal API: initSqlJs(), new SQL.Database(), db.prepare(), stmt.run([...]).
import {
  COUNT_THINGS,
  INSERT_THING,
  THINGS_SCHEMA,
  insertRows,
} from '../workloads/insert-things.mjs';
import { withTransaction } from './transaction.mjs';

export const name = 'sql.js';

export async function init() {
  const { default: initSqlJs } = await import('sql.js');
  return initSqlJs();
}

function selectValue(db, sql) {
  return db.exec(sql)[0].values[0][0];
}

/** Opens a database, answers one query, closes; returns the SQLite version. */
export function firstAnswer(SQL) {
  const db = new SQL.Database();
  const version = selectValue(db, 'SELECT sqlite_version()');
  db.close();
  return version;
}

export function fresh(SQL) {
  const db = new SQL.Database();
  db.exec(THINGS_SCHEMA);
  return db;
}

export function insert(db, things) {
  const stmt = db.prepare(INSERT_THING);
  const rows = withTransaction(db, () => insertRows(things, (values) => stmt.run(values)));
  stmt.free();
  return rows;
}

export function count(db) {
  return selectValue(db, COUNT_THINGS);
}

export function close(db) {
  db.close();
}

/**
 * A statement prepared once: run(params), get(params) -> the first row's values or undefined,
 * free().
 */
export function prepare(db, sql) {
  const stmt = db.prepare(sql);
  return {
    run: (params) => stmt.run(params),
    get(params) {
      const row = stmt.get(params); // [] when there is no row
      stmt.reset();
      return row.length > 0 ? row : undefined;
    },
    free: () => stmt.free(),
  };
}
