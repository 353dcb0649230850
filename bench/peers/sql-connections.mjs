// Connections in plain SQL on a raw SQLite peer, two ways. "checked": what a careful developer
// writes for batchCreateConnections without edgetally, with edgetally's rules: its connections
// table and index (src/store/migrations.cpp, minus the foreign keys, which the explicit checks
// stand in for), per row the shape, one SELECT per endpoint (a thing of the same group) and the
// INSERT, whose UNIQUE constraint refuses a duplicate. "plain": the same INSERT into the same
// table without the UNIQUE constraint and without the endpoint checks (the floor). Both in one
// transaction, nothing written if a row fails, and both answer the new ids.
import { withTransaction } from './transaction.mjs';

const TABLE = (unique) => `
CREATE TABLE connections (
  id INTEGER PRIMARY KEY,
  group_id TEXT NOT NULL,
  from_id INTEGER NOT NULL,
  to_id INTEGER NOT NULL,
  type TEXT NOT NULL,
  metadata TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL${unique ? ',\n  UNIQUE (group_id, from_id, to_id, type)' : ''}
);
CREATE INDEX connections_by_to ON connections (to_id, type);`;

/** The connections schema of each variant. */
export const CONNECTIONS_SCHEMA = { checked: TABLE(true), plain: TABLE(false) };

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
 * Inserts `connections` ({fromId, toId, type, metadata?}) of `groupId` into `db` (holding the
 * things table and CONNECTIONS_SCHEMA[variant]); throws (writing nothing) on the first bad
 * row. Returns the new ids.
 */
export function createConnections(peer, db, groupId, connections, variant) {
  const checked = variant === 'checked';
  const thingInGroup = checked ? peer.prepare(db, THING_IN_GROUP) : null;
  const insert = peer.prepare(db, INSERT_CONNECTION);
  const checkEndpoint = (id, field) => {
    if (!thingInGroup.get([id, groupId])) throw new Error(`${field} ${id} is not in the group`);
  };
  const now = Date.now();
  try {
    return withTransaction(db, () => connections.map((connection) => {
      const metadata = checked ? checkShape(connection) : JSON.stringify(connection.metadata ?? {});
      if (checked) {
        checkEndpoint(connection.fromId, 'fromId');
        checkEndpoint(connection.toId, 'toId');
      }
      return insert.insert([groupId, connection.fromId, connection.toId, connection.type, metadata, now]);
    }));
  } finally {
    thingInGroup?.free();
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
