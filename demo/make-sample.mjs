// Writes the demo's sample CSV files (demo/sample/, generated, not committed) from
// sample-data.mjs; scripts/demo runs it. Idempotent: existing files are kept.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLE_ROWS, sampleCsv } from './sample-data.mjs';

/** Writes demo/sample/courses.csv (and a small one) unless they are there; returns the folder. */
export function writeSamples(dir = fileURLToPath(new URL('./sample/', import.meta.url))) {
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, rows] of [['courses.csv', SAMPLE_ROWS], ['courses-small.csv', 500]]) {
    const target = path.join(dir, file);
    if (!fs.existsSync(target)) fs.writeFileSync(target, sampleCsv(rows));
  }
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(writeSamples());
