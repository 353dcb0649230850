// Picks the backend from the `database` option: a postgres:// (or postgresql://) URL, or a
// SQLite file path (the default).
export async function openBackend(database, options = {}) {
  if (typeof database !== 'string' || database.length === 0) {
    throw new TypeError('database must be a SQLite file path or a postgres:// URL');
  }
  if (/^postgres(ql)?:\/\//.test(database)) {
    const { PostgresBackend } = await import('./postgres.js');
    return PostgresBackend.open(database, options);
  }
  const { SqliteBackend } = await import('./sqlite.js');
  return SqliteBackend.open(database);
}
