// Workload "sizes": what a browser downloads to run each wasm stack, raw, gzipped and (beside
// it) brotli, each file compressed on its own (gzip level 9, brotli quality 11), as a server
// would send it. edgetally counts what its package.json "browser" entry makes a page load: the
// wasm, the page bundle and the worker bundle it starts (scripts/bundle-browser.mjs; the
// Emscripten glue is inside the worker bundle). Each wasm peer counts its wasm and the JS glue
// its package.json "browser" export points at. better-sqlite3 is native: none.
// `node bench/size.mjs` prints the table alone (run from the repo root after scripts/build wasm);
// bench/run.mjs prints it first.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { BUNDLES } from '../scripts/bundle-browser.mjs';
import { printSizes } from './print.mjs';

const edgetallyFiles = () => ['dist/edgetally.wasm', ...Object.keys(BUNDLES)];

const WASM_PEERS = [
  { name: 'sql.js', dir: 'node_modules/sql.js', wasm: 'dist/sql-wasm-browser.wasm' },
  { name: 'sqlite-wasm', dir: 'node_modules/@sqlite.org/sqlite-wasm', wasm: 'dist/sqlite3.wasm' },
];

/** The file a bundler picks for a browser: exports["."].browser of the package.json. */
function browserEntry(dir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return path.join(dir, pkg.exports['.'].browser);
}

const brotli = (bytes) =>
  brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length;

function measure(name, files) {
  const perFile = files.map((file) => {
    const bytes = fs.readFileSync(file);
    return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, brotliBytes: brotli(bytes) };
  });
  const sum = (key) => perFile.reduce((total, entry) => total + entry[key], 0);
  return { name, files: perFile, rawBytes: sum('rawBytes'), gzipBytes: sum('gzipBytes'), brotliBytes: sum('brotliBytes') };
}

/** Sizes of every wasm stack, paths relative to the repo root (the working directory). */
export function measureSizes() {
  return [
    measure('edgetally', edgetallyFiles()),
    ...WASM_PEERS.map(({ name, dir, wasm }) =>
      measure(name, [path.join(dir, wasm), browserEntry(dir)]),
    ),
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.chdir(fileURLToPath(new URL('..', import.meta.url)));
  printSizes(measureSizes());
}
