// Workload "batch connections": N connections of type 'prerequisite' between things that already
// exist, created in one atomic batch: edgetally's batchCreateConnections (shape checks, both
// endpoints things of the group, no duplicate), and for each raw SQLite peer the same rules in
// plain SQL (an existence SELECT per endpoint, a UNIQUE constraint: "checked") and bare inserts
// with neither ("plain"; bench/peers/sql-connections.mjs). The things are inserted before the
// clock starts, on a fresh database per run; every stack answers the new ids.
import {
  CONNECTIONS_SCHEMA,
  countConnections,
  createConnections,
} from '../peers/sql-connections.mjs';
import { SQL_PEERS } from '../peers/index.mjs';
import { PEER_GROUP_ID } from '../peers/sql-things.mjs';
import { makeThings, thingsApi } from './insert-things.mjs';
import { expectCounts, idsDigest } from './stacks.mjs';

const MAX_THINGS = 10_000;
const CONNECTION_TYPE = 'prerequisite';

export const name = 'connections';
export const unit = 'ms';
export const sameWork = 'edgetally and "checked" peers: shape checks, both endpoints things of ' +
  'the group (SELECT per endpoint), no duplicate (UNIQUE); "plain": bare INSERTs; one ' +
  'transaction, new ids returned; 10,000 things inserted before the clock';
export const title = (n) => `create ${n.toLocaleString('en-US')} connections between existing things, atomic`;
export const sizes = ({ quick }) => (quick ? [1_000] : [1_000, 100_000]);
export const runs = ({ runs }, n) => (n >= 100_000 ? Math.min(runs, 3) : runs);
export const stacks = () => [
  'edgetally', ...SQL_PEERS.flatMap((peer) => [peer.name, `${peer.name} plain`]),
];

/**
 * The input: n connections between the first min(n, MAX_THINGS) things (ids 1, 2, ...: a
 * fresh table numbers its rows from 1, which the checks confirm). `from` cycles through the
 * things and the hop to `to` grows by one each cycle, so the pairs are distinct.
 */
function makeConnections(n) {
  const things = Math.min(n, MAX_THINGS);
  return Array.from({ length: n }, (_, i) => {
    const from = i % things;
    const to = (from + 1 + Math.floor(i / things)) % things;
    return { fromId: from + 1, toId: to + 1, type: CONNECTION_TYPE };
  });
}

function connectionsApi(label) {
  const things = thingsApi(label.split(' ')[0]);
  const { peer } = things;
  if (peer.name === 'edgetally') {
    return { things, create: peer.createConnections, count: peer.countConnections };
  }
  const variant = label.endsWith(' plain') ? 'plain' : 'checked';
  return {
    things,
    addSchema: (db) => db.exec(CONNECTIONS_SCHEMA[variant]),
    create: (db, rows) => createConnections(peer, db, PEER_GROUP_ID, rows, variant),
    count: (db) => countConnections(peer, db),
  };
}

export async function setUp(label, n) {
  const api = connectionsApi(label);
  const lib = await api.things.peer.init();
  return { label, api, lib, things: makeThings(Math.min(n, MAX_THINGS)), connections: makeConnections(n) };
}

export async function before({ api, lib, things }) {
  const db = await api.things.fresh(lib);
  api.addSchema?.(db);
  const ids = await api.things.insert(db, things);
  if (ids[0] !== 1 || ids.at(-1) !== things.length) throw new Error('things are not numbered from 1');
  return db;
}

export const run = ({ api, connections }, db) => api.create(db, connections);

export async function after({ label, api, connections }, db, ids) {
  const counted = await api.count(db);
  await api.things.close(db);
  expectCounts(label, 'connections', { ids: ids.length, counted }, connections.length);
  return { ids: idsDigest(ids) };
}
