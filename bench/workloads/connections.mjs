// Workload "batch connections": N connections of type 'prerequisite' between things that already
// exist, created in one transaction through each stack's public API: edgetally's
// batchCreateConnections, and for the raw SQLite peers the plain SQL a careful developer would
// write (bench/peers/connections-sql.mjs). The things are inserted before the clock starts, on a
// fresh database per run; every run checks that all N connections landed.
import {
  CONNECTIONS_SCHEMA,
  countConnections,
  createConnections,
} from '../peers/connections-sql.mjs';
import { PEERS } from '../peers/index.mjs';
import { timeBySize, timed } from '../timing.mjs';
import { PEER_GROUP_ID, expectCounts, makeThings } from './insert-things.mjs';

const MAX_THINGS = 10_000;
const CONNECTION_TYPE = 'prerequisite';
const HEAVY_N = 100_000;
const HEAVY_RUNS = 3;

/**
 * The input: min(n, MAX_THINGS) things and n connections between them, by thing number
 * (1, 2, ...: a fresh table numbers its rows from 1, which the checks confirm). `from` cycles
 * through the things and the hop to `to` grows by one each cycle, so the (from, to) pairs are
 * distinct while n <= things * (things - 1).
 */
export function makeConnectionsInput(n) {
  const things = Math.min(n, MAX_THINGS);
  const connections = Array.from({ length: n }, (_, i) => {
    const from = i % things;
    const to = (from + 1 + Math.floor(i / things)) % things;
    return { fromId: from + 1, toId: to + 1, type: CONNECTION_TYPE };
  });
  return { things: makeThings(things), connections };
}

/** How a stack adds and counts connections: its own API (edgetally), or plain SQL. */
function connectionsApi(peer) {
  if (peer.createConnections) return peer;
  return {
    addSchema: (db) => db.exec(CONNECTIONS_SCHEMA),
    createConnections: (db, rows) => createConnections(peer, db, PEER_GROUP_ID, rows),
    countConnections: (db) => countConnections(peer, db),
  };
}

async function timeOnce({ peer, ctx, api }, { things, connections }) {
  const db = await peer.fresh(ctx);
  api.addSchema?.(db);
  await peer.insert(db, things);
  const { ms, value: created } = await timed(() => api.createConnections(db, connections));
  const counted = await api.countConnections(db);
  await peer.close(db);
  expectCounts(peer.name, 'connections', { created, counted }, connections.length);
  return ms;
}

/** [{n, runs, medianMs, runsMs}] for every N; `contexts` maps a peer's name to its init(). */
export function runConnections({ quick, runs }, contexts, progress) {
  const stacks = PEERS.map((peer) => ({
    name: peer.name, peer, ctx: contexts.get(peer.name), api: connectionsApi(peer),
  }));
  return timeBySize({
    label: 'batch connections',
    sizes: quick ? [1_000] : [1_000, HEAVY_N],
    stacks,
    runs: (n) => (n >= HEAVY_N ? Math.min(runs, HEAVY_RUNS) : runs),
    makeInput: makeConnectionsInput,
    timeOnce,
    progress,
  });
}
