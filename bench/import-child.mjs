// Streams a CSV file from disk (1 MiB reads) into an edgetally store on disk in this fresh
// process and prints, as one JSON line, the time, counts and memory: maxRSS (KB) after opening
// the store (before any data is read) and after the import (the peak), and the database size.
// Usage: node bench/import-child.mjs <csv file> <store dir>
import fs from 'node:fs';
import path from 'node:path';
import * as edgetally from './peers/edgetally.mjs';

const [csvPath, storeDir] = process.argv.slice(2);
if (!csvPath || !storeDir) {
  console.error('usage: node bench/import-child.mjs <csv file> <store dir>');
  process.exit(2);
}
const maxRssKB = () => process.resourceUsage().maxRSS;

const db = await edgetally.fresh(await edgetally.init(), { storeOptions: { storage: 'node', path: storeDir } });
const baselineKB = maxRssKB();
const start = performance.now();
const { success, failed, ids } = await edgetally.importCsv(db, fs.createReadStream(csvPath, { highWaterMark: 1 << 20 }));
const ms = performance.now() - start;
const peakKB = maxRssKB();
const counted = await edgetally.countThings(db);
await edgetally.close(db);
const dbBytes = fs.statSync(path.join(storeDir, 'bench.sqlite3')).size;
console.log(JSON.stringify({ ms, success, failed, counted, createdIds: ids.length, baselineKB, peakKB, dbBytes }));
