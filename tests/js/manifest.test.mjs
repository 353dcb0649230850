// The operation manifest against everything derived from it: the generated method list, the
// Store's methods, index.d.ts, the README's tables and the error classes. Each test fails when
// one of them drifts from the core's declarations; the walk tries a misspelled field on every
// operation the Store offers, through the whole package.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import test from 'node:test';
import * as errors from '../../js/errors.js';
import { ERROR_CLASS_BY_CODE, ERROR_CODE_TABLE } from '../../js/generated/error-codes.js';
import { OPERATIONS } from '../../js/generated/operations.js';
import { open } from '../../js/index.node.js';
import { LOCAL_METHODS, Store } from '../../js/store.js';
import {
  generatedMethods,
  loadManifest,
  manifestMethods,
  methodName,
  readmeBlock,
  readmeTables,
  root,
} from '../../scripts/lib/manifest.mjs';

const manifest = await loadManifest();

test('the generated method list is the manifest\'s (rebuild: scripts/build wasm)', () => {
  assert.deepEqual([...OPERATIONS], generatedMethods(manifest));
});

test('the Store has exactly the methods the manifest and LOCAL_METHODS account for', () => {
  // methods only: the getters (isOwner, storageStatus) are properties, as index.d.ts declares them
  const own = Object.getOwnPropertyNames(Store.prototype).filter(
    (name) => name !== 'constructor' && !Object.getOwnPropertyDescriptor(Store.prototype, name).get,
  );
  assert.deepEqual(own.sort(), [...manifestMethods(manifest), ...LOCAL_METHODS].sort());
});

// index.d.ts: the Store class's methods, and the property names each one's argument type reaches
// through the interfaces it names.
function parseTypes() {
  const dts = fs.readFileSync(`${root}/js/index.d.ts`, 'utf8');
  const interfaces = new Map();
  for (const m of dts.matchAll(/^export interface (\w+)(?:<[^>]*>)?(?: extends ([^{]+))? \{([\s\S]*?)^\}/gm)) {
    interfaces.set(m[1], { extends: m[2] ?? '', body: m[3] });
  }
  const store = dts.match(/^export declare class Store \{([\s\S]*?)^\}/m)[1];
  const methods = new Map();
  const starts = [...store.matchAll(/^ {2}(\w+)\(/gm)];
  starts.forEach((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : store.length;
    methods.set(m[1], store.slice(m.index, end));
  });
  const properties = (text, seen = new Set()) => {
    const names = new Set([...text.matchAll(/(\w+)\??:/g)].map((m) => m[1]));
    for (const [, type] of text.matchAll(/\b([A-Z]\w*)/g)) {
      const found = interfaces.get(type);
      if (!found || seen.has(type)) continue;
      seen.add(type);
      for (const name of properties(found.body + found.extends, seen)) names.add(name);
    }
    return names;
  };
  return { methods, properties };
}

test('index.d.ts declares every Store method, and every argument the manifest declares', () => {
  const { methods, properties } = parseTypes();
  assert.deepEqual([...methods.keys()].sort(), [...manifestMethods(manifest), ...LOCAL_METHODS].sort());
  for (const op of manifest) {
    const method = methodName(op);
    if (!method) continue;
    const declared = properties(methods.get(method).split('): Promise<')[0]);
    const jsArgs = (op.jsArgs ?? '').split(',').map((part) => part.trim().match(/^\w+/)?.[0]).filter(Boolean);
    for (const field of [...op.args.fields.map((f) => f.name), ...jsArgs]) {
      assert.ok(declared.has(field), `index.d.ts: ${method}'s argument type has no '${field}'`);
    }
  }
});

test('the README\'s operation tables are the manifest\'s (regenerate: node scripts/gen-operations.mjs --readme)', () => {
  const readme = fs.readFileSync(`${root}/README.md`, 'utf8');
  assert.equal(readmeBlock(readme), readmeTables(manifest));
});

test('every error code has its class in error_classes.def, and errors of that code are of it', () => {
  for (const { code } of ERROR_CODE_TABLE) {
    const name = ERROR_CLASS_BY_CODE[code];
    assert.ok(name, `src/common/error_classes.def has no line for ${code}`);
    assert.equal(typeof errors[name], 'function', `${code}: js/errors.js exports no class ${name}`);
    assert.ok(errors.makeError(code, 'm') instanceof errors[name], code);
  }
  assert.deepEqual(Object.keys(ERROR_CLASS_BY_CODE).sort(), ERROR_CODE_TABLE.map((e) => e.code).sort());
});

// A value satisfying a described spec (the manifest's args), with only required fields.
function example(spec) {
  switch (spec.type) {
    case 'string': return spec.oneOf ? spec.oneOf[0] : 'x';
    case 'integer': return Math.min(Math.max(1, spec.min), spec.max);
    case 'number': return 1;
    case 'boolean': return false;
    case 'map': return {};
    case 'array':
    case 'rows': return [];
    case 'anyOf': return example(spec.items[0]);
    case 'object': return Object.fromEntries(spec.fields.filter((f) => f.required).map((f) => [f.name, example(f)]));
    default: return 1;
  }
}

test('every Store method refuses a misspelled field, naming it and the likely one', async () => {
  const store = await open({ name: 'walk', storage: 'memory' });
  let walked = 0;
  for (const op of manifest) {
    const method = methodName(op);
    if (!method) continue;
    const base = example(op.args);
    if (method === 'importFile') Object.assign(base, { file: 'name\nx\n' });
    const fields = op.args.fields.length ? op.args.fields.map((f) => f.name) : [];
    const typos = fields.length ? fields.map((f) => [`${f}x`, f]) : [['unexpected', undefined]];
    for (const [typo, meant] of typos) {
      await assert.rejects(store[method]({ ...base, [typo]: 1 }), (error) => {
        assert.equal(error.code, errors.ErrorCode.INVALID_ARGUMENT, `${method}.${typo}: ${error.message}`);
        assert.equal(error.details.rule, 'unknown_field', `${method}.${typo}: ${error.message}`);
        assert.equal(error.details.field, typo);
        if (meant) assert.equal(error.details.suggestion, meant, error.message);
        return true;
      });
      walked++;
    }
  }
  assert.ok(walked > 40, `walked ${walked}`);
  await store.close();
});
