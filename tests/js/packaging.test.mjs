// What the npm package ships and exports: `files` names only what exists, the tarball holds
// the wasm, its glue, the generated error codes and the LICENSE; `npm pack` of an unbuilt tree
// refuses; the entries export no internal helpers, every runtime export has a type, and every
// error class names itself (minifiers rename classes: `e.name` was 't' in a Vite bundle).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as errors from '../../js/errors.js';
import * as browserEntry from '../../js/index.browser.js';
import * as nodeEntry from '../../js/index.node.js';
import { tempDir } from './helpers.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const errorClasses = Object.entries(errors).filter(([, v]) => typeof v === 'function' && v.prototype instanceof Error);

test('files in package.json names only what exists (dist/error-codes.js did not)', () => {
  for (const entry of pkg.files) assert.ok(fs.existsSync(path.join(root, entry)), `${entry} is missing`);
  assert.match(fs.readFileSync(path.join(root, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.equal(pkg.license, 'MIT');
});

test('the tarball holds the wasm, its glue, the generated error codes and the LICENSE, and no tests', () => {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
  );
  const names = packed.files.map((f) => f.path);
  for (const want of ['dist/edgetally.wasm', 'dist/edgetally.mjs', 'js/generated/error-codes.js', 'js/generated/operations.js', 'js/index.d.ts', 'LICENSE']) {
    assert.ok(names.includes(want), `${want} not in the tarball`);
  }
  assert.deepEqual(names.filter((n) => /^(tests|src|scripts|bench)\//.test(n)), []);
});

test('npm pack of an unbuilt tree refuses instead of shipping a package without its wasm', (t) => {
  const dir = tempDir(t);
  for (const entry of ['package.json', 'LICENSE', 'js', 'scripts/prepack', 'scripts/build']) {
    fs.cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  fs.rmSync(path.join(dir, 'js/generated'), { recursive: true, force: true });
  const run = spawnSync('npm', ['pack', '--loglevel=error'], { cwd: dir, encoding: 'utf8' });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /prepack: the build failed .*refusing to pack/);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tgz')), []);
});

test('the package entries export no internal helpers (makeError, fromWire, toWire)', () => {
  for (const entry of [browserEntry, nodeEntry]) {
    for (const internal of ['makeError', 'fromWire', 'toWire']) assert.equal(entry[internal], undefined, internal);
  }
});

test('every error class names itself and is exported from both entries', () => {
  assert.ok(errorClasses.length >= 7);
  for (const [name, ErrorClass] of errorClasses) {
    const error = new ErrorClass('INTERNAL', 'm');
    assert.equal(error.name, name, `${name} must set its own name (a minifier renames the class)`);
    assert.match(String(error), new RegExp(`^${name}: m`));
    assert.equal(browserEntry[name], ErrorClass, `${name} not exported for browsers`);
    assert.equal(nodeEntry[name], ErrorClass, `${name} not exported for Node`);
  }
});

test('every runtime export of the entries is declared in index.d.ts', () => {
  const types = fs.readFileSync(path.join(root, 'js/index.d.ts'), 'utf8');
  const declared = new Set([
    ...[...types.matchAll(/^export declare (?:class|function|const) (\w+)/gm)].map((m) => m[1]),
    ...[...types.matchAll(/^export \{([^}]+)\}/gm)].flatMap((m) => m[1].split(',').map((s) => s.trim())),
  ]);
  for (const entry of [browserEntry, nodeEntry]) {
    for (const name of Object.keys(entry)) assert.ok(declared.has(name), `${name} has no type in index.d.ts`);
  }
});
