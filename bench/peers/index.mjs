// The stacks the benchmark compares, in table order: edgetally first, then its peers. Each
// adapter loads its library lazily in init(), so importing this list stays cheap (the
// cold-start probe imports it before it starts its clock). The raw-SQLite peers share one
// shape: init(), firstAnswer(lib), fresh(lib, schema) -> db, close(db), prepare(db, sql) ->
// {run, insert, get, free}; the SQL each workload runs on them is in bench/peers/sql-*.mjs.
import * as betterSqlite3 from './better-sqlite3.mjs';
import * as edgetally from './edgetally.mjs';
import * as sqliteWasm from './sqlite-wasm.mjs';
import * as sqljs from './sqljs.mjs';

export const PEERS = [edgetally, sqljs, sqliteWasm, betterSqlite3];
export const SQL_PEERS = [sqljs, sqliteWasm, betterSqlite3];
export const PEERS_BY_NAME = new Map(PEERS.map((peer) => [peer.name, peer]));
