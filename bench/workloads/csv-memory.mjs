// Workloads measured in fresh `node` processes (bench/import-child.mjs), so one stack's heap and
// wasm memory never count for another: the peak RSS of each stack's CSV import (the same file as
// the timed import, read into memory), and a 1M-row CSV streamed from disk into an edgetally
// store on disk (time, counts, peak RSS, file and database sizes; full runs only). The CSV goes
// to a temporary directory, written as a stream, and is removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNodeScript } from '../child.mjs';
import { PEERS } from '../peers/index.mjs';
import { round } from '../stats.mjs';
import { writeCsvFile } from './csv-data.mjs';
import { checkImport, csvRows } from './csv-import.mjs';

const CHILD = fileURLToPath(new URL('../import-child.mjs', import.meta.url));
const STREAM_ROWS = 1_000_000;

async function withTempDir(work) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgetally-bench-'));
  try {
    return await work(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes a `rows`-row CSV in a temporary directory, then work(csvPath, dir); cleans up. */
function withCsvFile(rows, work) {
  return withTempDir(async (dir) => {
    const csvPath = path.join(dir, 'import.csv');
    await writeCsvFile(csvPath, rows);
    return work(csvPath, dir);
  });
}

/** One import in a fresh process, its counts checked; `storeDir` puts edgetally's store on disk. */
function importInChild(name, csvPath, rows, storeDir) {
  const result = runNodeScript(CHILD, storeDir ? [name, csvPath, storeDir] : [name, csvPath]);
  checkImport(name, result, rows);
  return { ...result, ms: round(result.ms, 2) };
}

/** {rows, stacks: {name -> {ms, baselineKB, peakKB}}}: one import per stack. */
export function runCsvMemory(options, progress) {
  const rows = csvRows(options);
  return withCsvFile(rows, (csvPath) => {
    const stacks = {};
    for (const { name } of PEERS) {
      progress(`CSV import peak memory: ${name} (fresh process)`);
      const { ms, baselineKB, peakKB } = importInChild(name, csvPath, rows);
      stacks[name] = { ms, baselineKB, peakKB };
    }
    return { rows, stacks };
  });
}

/** The 1M-row import streamed into a store on disk, or {skipped} with --quick. */
export function runCsvStream({ quick }, progress) {
  if (quick) return { rows: STREAM_ROWS, skipped: '--quick' };
  progress(`1M-row CSV: writing ${STREAM_ROWS} rows to a temporary file`);
  return withCsvFile(STREAM_ROWS, (csvPath, dir) => {
    const fileBytes = fs.statSync(csvPath).size;
    progress('1M-row CSV: edgetally import (fresh process, store on disk)');
    const result = importInChild('edgetally', csvPath, STREAM_ROWS, path.join(dir, 'store'));
    return { rows: STREAM_ROWS, fileBytes, ...result };
  });
}
