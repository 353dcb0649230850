// Benchmark adapter for @sqlite.org/sqlite-wasm, the SQLite project's own wasm build, through
// its object-oriented "oo1" API with an in-memory database (works under Node 20 despite the
// package's engines field asking for 22).
import {
  COUNT_THINGS,
  INSERT_THING,
  THINGS_SCHEMA,
  insertRows,
} from '../workloads/insert-things.mjs';
import { withTransaction } from './transaction.mjs';

export const name = 'sqlite-wasm';

export async function init() {
  const { default: sqlite3InitModule } = await import('@sqlite.org/sqlite-wasm');
  return sqlite3InitModule({ print() {}, printErr() {} });
}

/** Opens a database, answers one query, closes; returns the SQLite version. */
export function firstAnswer(sqlite3) {
  const db = new sqlite3.oo1.DB(':memory:');
  const version = db.selectValue('SELECT sqlite_version()');
  db.close();
  return version;
}

export function fresh(sqlite3) {
  const db = new sqlite3.oo1.DB(':memory:');
  db.exec(THINGS_SCHEMA);
  return db;
}

export function insert(db, things) {
  const stmt = db.prepare(INSERT_THING);
  const runRow = (values) => stmt.bind(values).stepReset();
  const rows = withTransaction(db, () => insertRows(things, runRow));
  stmt.finalize();
  return rows;
}

export function count(db) {
  return db.selectValue(COUNT_THINGS);
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
  // bind() refuses a statement without parameters, even with no values
  const bound = (params) => (params.length > 0 ? stmt.bind(params) : stmt);
  return {
    run: (params) => bound(params).stepReset(),
    get(params) {
      const row = bound(params).step() ? stmt.get([]) : undefined;
      stmt.reset();
      return row;
    },
    free: () => stmt.finalize(),
  };
}
