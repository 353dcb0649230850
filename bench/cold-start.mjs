// Cold-start probe for the "open to first answer" workload, run by bench/run.mjs in a fresh
// `node` process per measurement so no module cache or compiled wasm carries over. Times one
// peer from just before its library is imported (and its wasm compiled/instantiated) to the
// first answered query, and prints {"ms": ..., "sqliteVersion": ...} as one JSON line.
// Usage: node bench/cold-start.mjs <edgetally|sql.js|sqlite-wasm|better-sqlite3>
import { PEERS_BY_NAME } from './peers/index.mjs';

const peer = PEERS_BY_NAME.get(process.argv[2]);
if (!peer) {
  console.error(`usage: node bench/cold-start.mjs <${[...PEERS_BY_NAME.keys()].join('|')}>`);
  process.exit(2);
}
const start = performance.now();
const sqliteVersion = await peer.firstAnswer(await peer.init());
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, sqliteVersion }));
