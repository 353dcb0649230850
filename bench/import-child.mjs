// Runs one stack's CSV import once in this fresh process and prints, as one JSON line, its time,
// counts and memory: maxRSS (KB) after loading the library and opening an empty database
// (before any data is read), and maxRSS after the import: the peak. With a store directory
// (edgetally only) the store is a file there and the CSV is streamed from disk in 1 MiB reads;
// without, the CSV is read into memory first and the database is in memory.
// Usage: node bench/import-child.mjs <stack> <csv file> [<store dir>]
import fs from 'node:fs';
import path from 'node:path';
import { PEERS_BY_NAME } from './peers/index.mjs';
import { importInto } from './workloads/csv-import.mjs';

const [name, csvPath, storeDir] = process.argv.slice(2);
const peer = PEERS_BY_NAME.get(name);
if (!peer || !csvPath || (storeDir && !peer.importCsv)) {
  console.error('usage: node bench/import-child.mjs <stack> <csv file> [<store dir> (edgetally)]');
  process.exit(2);
}

const STORE_NAME = 'bench'; // the name bench/peers/edgetally.mjs opens
const maxRssKB = () => process.resourceUsage().maxRSS;

const storeOptions = storeDir ? { storage: 'node', path: storeDir } : undefined;
const db = await peer.fresh(await peer.init(), storeOptions); // edgetally compiles its wasm here
const baselineKB = maxRssKB();
const file = storeDir
  ? fs.createReadStream(csvPath, { highWaterMark: 1 << 20 })
  : fs.readFileSync(csvPath);
const result = await importInto(peer, db, file);
const peakKB = maxRssKB();
const dbBytes = storeDir ? fs.statSync(path.join(storeDir, `${STORE_NAME}.sqlite3`)).size : null;
console.log(JSON.stringify({ ...result, baselineKB, peakKB, dbBytes }));
