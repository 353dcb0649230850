// Workload "sizes": what a browser downloads to run each wasm stack, raw and gzipped (each
// file compressed on its own with gzip level 9, as a server would send it). edgetally counts
// its wasm and every module its browser entries load (the Emscripten glue among them); each
// wasm peer counts its wasm and the JS glue its package.json "browser" export points at. better-sqlite3 is native: none.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

// What the browser entries load: every module reachable from the page's entry and the worker's
// by static relative imports (the Emscripten glue among them), found by walking the imports
// as tests/js/module-graph.test.mjs does, so a module added to the package is counted.
const BROWSER_ENTRIES = ['js/index.browser.js', 'js/worker.browser.js'];
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

function browserGraph() {
  const found = new Set(BROWSER_ENTRIES);
  const queue = [...BROWSER_ENTRIES];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = path.relative('.', path.resolve(path.dirname(file), match[1] ?? match[2]));
      if (found.has(target)) continue;
      found.add(target);
      queue.push(target);
    }
  }
  return [...found];
}

const edgetallyFiles = () => ['dist/edgetally.wasm', ...browserGraph()];

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
    measure('edgetally', edgetallyFiles()),
    ...WASM_PEERS.map(({ name, dir, wasm }) =>
      measure(name, [path.join(dir, wasm), browserEntry(dir)]),
    ),
  ];
}
