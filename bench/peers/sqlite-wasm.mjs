// Benchmark adapter for @sqlite.org/sqlite-wasm, the SQLite project's own wasm build, through
// its object-oriented "oo1" API with an in-memory database (works under Node 20 despite the
// package's engines field asking for 22). New ids come from its C API's
// sqlite3_last_insert_rowid, as that library's users get them.

export const name = 'sqlite-wasm';

let capi = null; // sqlite3.capi, set by init()

export async function init() {
  const { default: sqlite3InitModule } = await import('@sqlite.org/sqlite-wasm');
  const sqlite3 = await sqlite3InitModule({ print() {}, printErr() {} });
  capi = sqlite3.capi;
  return sqlite3;
}

/** Opens a database, answers one query, closes; returns the SQLite version. */
export function firstAnswer(sqlite3) {
  const db = new sqlite3.oo1.DB(':memory:');
  const version = db.selectValue('SELECT sqlite_version()');
  db.close();
  return version;
}

/** An empty in-memory database holding `schema` (SQL). */
export function fresh(sqlite3, schema) {
  const db = new sqlite3.oo1.DB(':memory:');
  if (schema) db.exec(schema);
  return db;
}

export function close(db) {
  db.close();
}

/**
 * A statement prepared once: run(params), insert(params) -> the new row's id, get(params) ->
 * the first row's values or undefined, free().
 */
export function prepare(db, sql) {
  const stmt = db.prepare(sql);
  // bind() refuses a statement without parameters, even with no values
  const bound = (params) => (params.length > 0 ? stmt.bind(params) : stmt);
  return {
    run: (params) => bound(params).stepReset(),
    insert(params) {
      bound(params).stepReset();
      return Number(capi.sqlite3_last_insert_rowid(db.pointer));
    },
    get(params) {
      const row = bound(params).step() ? stmt.get([]) : undefined;
      stmt.reset();
      return row;
    },
    free: () => stmt.finalize(),
  };
}
