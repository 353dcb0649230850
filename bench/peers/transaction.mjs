// One SQL transaction on a raw SQLite peer (sql.js, @sqlite.org/sqlite-wasm, better-sqlite3 all
// have db.exec(sql)): BEGIN, the work, COMMIT, or ROLLBACK when the work throws, as a careful
// user of those libraries writes it. Shared so every peer workload commits the same way.

/** Runs work() inside BEGIN ... COMMIT on `db`; rolls back and rethrows if it throws. */
export function withTransaction(db, work) {
  db.exec('BEGIN');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
