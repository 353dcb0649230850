// Connections between things in plain SQL on a raw SQLite peer (sql.js, sqlite-wasm,
// better-sqlite3), as a careful developer would write batchCreateConnections without edgetally:
// edgetally's connections table and its index (src/store/migrations.cpp, minus the foreign keys,
// which the explicit checks stand in for), statements prepared once, and per row: the row's
// shape, one SELECT per endpoint (it must be a thing of the same group), the INSERT (the UNIQUE
// constraint refuses a duplicate); all in one transaction, nothing written if a row fails.
import { withTransaction } from './transaction.mjs';

export const CONNECTIONS_SCHEMA = `
CREATE TABLE connections (
  id INTEGER PRIMARY KEY,
  group_id TEXT NOT NULL,
  from_id INTEGER NOT NULL,
  to_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  UNIQUE (group_id, from_id, to_id, type)
);
CREATE INDEX connections_by_to ON connections (to_id, type);`;

const THING_IN_GROUP = 'SELECT 1 FROM things WHERE id = ? AND group_id = ?';
const INSERT_CONNECTION = `INSERT INTO connections (group_id, from_id, to_id, type, metadata,
  created_at) VALUES (?, ?, ?, ?, ?, ?)`;
const COUNT_CONNECTIONS = 'SELECT count(*) FROM connections';
const MAX_TYPE_LENGTH = 64;

function checkId(value, field) {
  if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`${field} must be an id`);
}

function checkShape({ fromId, toId, type, metadata = {} }) {
  checkId(fromId, 'fromId');
  checkId(toId, 'toId');
  if (typeof type !== 'string' || type.length === 0 || type.length > MAX_TYPE_LENGTH) {
    throw new TypeError(`type must be 1-${MAX_TYPE_LENGTH} characters`);
  }
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new TypeError('metadata must be an object');
  }
  return JSON.stringify(metadata);
}

/**
 * Inserts `connections` ({fromId, toId, type, metadata?}) of `groupId` into `db` (which holds
 * the things table and CONNECTIONS_SCHEMA) through `peer.prepare`; throws (and writes nothing)
 * on the first bad row. Returns the number of connections inserted.
 */
export function createConnections(peer, db, groupId, connections) {
  const thingInGroup = peer.prepare(db, THING_IN_GROUP);
  const insert = peer.prepare(db, INSERT_CONNECTION);
  const checkEndpoint = (id, field) => {
    if (!thingInGroup.get([id, groupId])) throw new Error(`${field} ${id} is not in the group`);
  };
  const now = Date.now();
  try {
    return withTransaction(db, () => {
      for (const connection of connections) {
        const metadata = checkShape(connection);
        checkEndpoint(connection.fromId, 'fromId');
        checkEndpoint(connection.toId, 'toId');
        insert.run([groupId, connection.fromId, connection.toId, connection.type, metadata, now]);
      }
      return connections.length;
    });
  } finally {
    thingInGroup.free();
    insert.free();
  }
}

/** The rows of the connections table. */
export function countConnections(peer, db) {
  const count = peer.prepare(db, COUNT_CONNECTIONS);
  const [rows] = count.get([]);
  count.free();
  return rows;
}
