// Benchmark adapter for better-sqlite3, a native (not wasm) SQLite binding for Node: the
// ceiling a wasm build cannot reach, shown so the wasm numbers have a reference point.
// Its normal API: new Database(':memory:'), db.prepare(...).run(...) (which answers the new
// row's id as lastInsertRowid), db.exec for transactions.

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

/** An empty in-memory database holding `schema` (SQL). */
export function fresh(Database, schema) {
  const db = new Database(':memory:');
  if (schema) db.exec(schema);
  return db;
}

export function close(db) {
  db.close();
}

/**
 * A statement prepared once: run(params), insert(params) -> the new row's id, get(params) ->
 * the first row's values or undefined, free() (nothing to do: better-sqlite3 finalizes
 * statements when they are collected).
 */
export function prepare(db, sql) {
  const stmt = db.prepare(sql);
  if (stmt.reader) stmt.raw();
  return {
    run: (params) => stmt.run(params),
    insert: (params) => Number(stmt.run(params).lastInsertRowid),
    get: (params) => stmt.get(params),
    free() {},
  };
}
