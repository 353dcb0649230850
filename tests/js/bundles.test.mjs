// The browser bundles (scripts/bundle-browser.mjs): dist/edgetally.browser.js is package.json's
// browser entry and exports what js/index.browser.js exports; each bundle is one module that
// imports nothing (one request each when loaded unbundled); the page bundle starts the bundled
// worker in the literal form bundlers rewrite; and dist/ holds what the sources give now (a
// stale bundle would run old code in every browser test and app).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as source from '../../js/index.browser.js';
import { BUNDLED_WORKER, BUNDLES, staleBundles } from '../../scripts/bundle-browser.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');
const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?from\s*['"][^'"]+['"]|^\s*import\s*['"][^'"]+['"]|\bimport\s*\(/m;

test('dist/ holds the bundles the sources give now (scripts/build wasm writes them)', async () => {
  assert.deepEqual(await staleBundles(), [], 'run scripts/build wasm');
});

test("package.json's browser entry is the page bundle, and both bundles are in the package", () => {
  const entry = pkg.exports['.'];
  assert.equal(entry.browser, './dist/edgetally.browser.js');
  assert.equal(entry.default, './dist/edgetally.browser.js');
  assert.equal(entry.node, './js/index.node.js');
  for (const file of Object.keys(BUNDLES)) assert.ok(pkg.files.includes(file), `${file} not in files`);
});

test('the page bundle exports the same names as js/index.browser.js, the same kinds of values', async () => {
  const bundle = await import(path.join(root, 'dist/edgetally.browser.js'));
  assert.deepEqual(Object.keys(bundle).sort(), Object.keys(source).sort());
  for (const name of Object.keys(source)) assert.equal(typeof bundle[name], typeof source[name], name);
  const error = new bundle.QuotaExceededError('QUOTA_EXCEEDED', 'm');
  assert.equal(error.name, 'QuotaExceededError');
  assert.ok(error instanceof bundle.EdgeTallyError);
});

test('each bundle is one module: no static or dynamic import left', () => {
  for (const file of Object.keys(BUNDLES)) assert.doesNotMatch(read(file), STATIC_IMPORT, file);
});

test('the page bundle starts the bundled worker, in the literal form bundlers rewrite; both find the wasm', () => {
  const page = read('dist/edgetally.browser.js');
  assert.ok(page.includes(`new Worker(new URL("./${BUNDLED_WORKER}", import.meta.url), { type: "module" })`));
  assert.ok(!page.includes('worker.browser.js'), 'no trace of the source worker');
  assert.ok(fs.existsSync(path.join(root, 'dist', BUNDLED_WORKER)));
  for (const file of Object.keys(BUNDLES)) {
    assert.ok(read(file).includes('new URL("../dist/edgetally.wasm", import.meta.url)'), file);
  }
  // the source stays a working unbundled package: it starts the source worker
  assert.ok(read('js/index.browser.js').includes("new Worker(new URL('./worker.browser.js', import.meta.url), { type: 'module' })"));
});
