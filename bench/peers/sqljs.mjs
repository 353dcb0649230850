// Benchmark adapter for sql.js (SQLite compiled to wasm by Emscripten, an in-memory database
// held in the wasm heap): the stack a web app would otherwise pick to run SQLite in the page.
// Its normal API: initSqlJs(), new SQL.Database(), db.prepare(), stmt.run([...]). sql.js has no
// last-insert-id call, so inserts that must answer their ids use INSERT ... RETURNING id.

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

/** An empty in-memory database holding `schema` (SQL). */
export function fresh(SQL, schema) {
  const db = new SQL.Database();
  if (schema) db.exec(schema);
  return db;
}

export function close(db) {
  db.close();
}

function firstRow(stmt, params) {
  const row = stmt.get(params); // [] when there is no row
  stmt.reset();
  return row.length > 0 ? row : undefined;
}

/**
 * A statement prepared once: run(params), insert(params) -> the new row's id (through the
 * same INSERT with RETURNING id, prepared on first use), get(params) -> the first row's
 * values or undefined, free().
 */
export function prepare(db, sql) {
  const stmt = db.prepare(sql);
  let returning = null;
  return {
    run: (params) => stmt.run(params),
    insert(params) {
      returning ??= db.prepare(`${sql} RETURNING id`);
      return firstRow(returning, params)[0];
    },
    get: (params) => firstRow(stmt, params),
    free() {
      stmt.free();
      returning?.free();
    },
  };
}
