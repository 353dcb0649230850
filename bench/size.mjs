// Workload "sizes": what a browser downloads to run each wasm stack, raw and gzipped (each
// file compressed on its own with gzip level 9, as a server would send it). edgetally counts
// its wasm, its Emscripten glue and the package's browser JS; each wasm peer counts its wasm
// and the JS glue its package.json "browser" export points at. better-sqlite3 is native: none.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const EDGETALLY_FILES = [
  'dist/edgetally.wasm',
  'dist/edgetally.mjs',
  ...[
    'index.browser.js', 'worker.browser.js', 'store.js', 'chunks.js', 'errors.js', 'options.js',
    'dispatcher.js', 'engine-host.js', 'worker-transport.js', 'wasm-compile.js', 'load-errors.js',
    'public-errors.js', 'storage/opfs.js', 'storage/select.browser.js', 'storage/indexeddb.js',
    'storage/paged-file.js',
    'storage/guard.js', 'generated/error-codes.js',
  ].map((file) => `js/${file}`),
];

const WASM_PEERS = [
  { name: 'sql.js', dir: 'node_modules/sql.js', wasm: 'dist/sql-wasm-browser.wasm' },
  { name: 'sqlite-wasm', dir: 'node_modules/@sqlite.org/sqlite-wasm', wasm: 'dist/sqlite3.wasm' },
];

/** The file a bundler picks for a browser: exports["."].browser of the package.json. */
function browserEntry(dir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return path.join(dir, pkg.exports['.'].browser);
}

function measure(name, files) {
  const perFile = files.map((file) => {
    const bytes = fs.readFileSync(file);
    return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
  const sum = (key) => perFile.reduce((total, entry) => total + entry[key], 0);
  return { name, files: perFile, rawBytes: sum('rawBytes'), gzipBytes: sum('gzipBytes') };
}

/** Sizes of every wasm stack, paths relative to the repo root (the working directory). */
export function measureSizes() {
  return [
    measure('edgetally', EDGETALLY_FILES),
    ...WASM_PEERS.map(({ name, dir, wasm }) =>
      measure(name, [path.join(dir, wasm), browserEntry(dir)]),
    ),
  ];
}
