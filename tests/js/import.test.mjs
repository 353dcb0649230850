// File import and chunked batches through the package: every kind of file source, mapping,
// progress, cancellation in both modes, malformed files, and what the result says.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { AbortedError, ErrorCode, ValidationError, open } from '../../js/index.node.js';
import { tempDir } from './helpers.mjs';

async function fresh(plan = 'enterprise') {
  const store = await open({ name: 'import', storage: 'memory' });
  const { id: groupId } = await store.createGroup({ name: 'Acme', plan });
  return { store, groupId };
}

function coursesCsv(rows, { invalidEvery = 0 } = {}) {
  const lines = ['title,description,price,category,instructor'];
  for (let i = 0; i < rows; i++) {
    const price = invalidEvery && i % invalidEvery === 0 ? 'n/a' : (i % 90) + 0.5;
    lines.push(`Course ${i},"About ${i}, with a comma and ""quotes""\nand a newline",${price},data,Teacher ${i % 7}`);
  }
  return lines.join('\r\n') + '\r\n';
}

const mapping = {
  name: 'title',
  properties: {
    description: 'description',
    price: { column: 'price', as: 'number' },
    category: 'category',
    instructor: 'instructor',
  },
};

test('reference example 1: a CSV file becomes things, with per-row errors and lines', async () => {
  const { store, groupId } = await fresh();
  const csv = coursesCsv(500, { invalidEvery: 50 });
  const result = await store.importFile({ groupId, file: csv, format: 'csv', type: 'course', mapping, mode: 'partial' });
  assert.deepEqual(result.summary, { total: 500, success: 490, failed: 10 });
  assert.deepEqual(result.errors[0], {
    index: 0,
    line: 2,
    field: 'properties.price',
    code: 'coerce',
    message: "properties.price: 'n/a' is not a number",
  });
  assert.equal(result.errors[1].line, 2 + 50 * 2, 'each record spans two lines');
  const thing = await store.getThing({ thingId: result.created[0] });
  assert.equal(thing.properties.description, 'About 1, with a comma and "quotes"\nand a newline');
  assert.equal(thing.properties.price, 1.5);
  assert.equal(await store.countThings({ groupId, type: 'course' }), 490);
  await store.close();
});

test('every file source imports the same way, with byte progress', async (t) => {
  const csv = coursesCsv(300);
  const bytes = new TextEncoder().encode(csv);
  const dir = tempDir(t);
  const file = path.join(dir, 'courses.csv');
  fs.writeFileSync(file, csv);
  const sources = {
    bytes,
    arrayBuffer: bytes.buffer.slice(0),
    string: csv,
    blob: new Blob([bytes]),
    file: new File([bytes], 'courses.csv'),
    readableStream: new Blob([bytes]).stream(),
    nodeStream: fs.createReadStream(file, { highWaterMark: 4096 }),
    asyncIterable: Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]),
  };
  for (const [kind, source] of Object.entries(sources)) {
    const { store, groupId } = await fresh();
    const progress = [];
    const result = await store.importFile({
      groupId,
      file: source,
      format: kind === 'file' ? undefined : 'csv',
      type: 'course',
      mapping,
      chunkSize: 4096,
      onProgress: (p) => progress.push(p),
    });
    assert.equal(result.summary.success, 300, kind);
    const inMemory = ['bytes', 'arrayBuffer', 'string'].includes(kind);
    assert.ok(progress.length > (inMemory ? 1 : 0), `${kind}: progress reported per chunk`);
    assert.equal(progress.at(-1).bytesDone, bytes.length, kind);
    await store.close();
  }
});

test('cancelling an import: atomic keeps nothing, partial keeps what was committed', async () => {
  for (const mode of ['atomic', 'partial']) {
    const { store, groupId } = await fresh();
    const controller = new AbortController();
    let chunks = 0;
    const attempt = store.importFile({
      groupId,
      file: coursesCsv(2000),
      format: 'csv',
      type: 'course',
      mapping,
      mode,
      chunkSize: 8192,
      signal: controller.signal,
      onProgress: () => {
        if (++chunks === 3) controller.abort('user clicked cancel');
      },
    });
    await assert.rejects(attempt, (error) => {
      assert.ok(error instanceof AbortedError);
      assert.equal(error.code, ErrorCode.ABORTED);
      return true;
    });
    const count = await store.countThings({ groupId });
    if (mode === 'atomic') assert.equal(count, 0);
    else assert.ok(count > 0 && count < 2000, `partial kept ${count}`);
    await store.close();
  }
});

test('large arrays run in slices with progress, and cancel atomically', async () => {
  const { store, groupId } = await fresh();
  const things = Array.from({ length: 5000 }, (_, i) => ({ type: 'doc', name: `d${i}` }));
  const seen = [];
  const result = await store.batchInsertThings({ groupId, things, chunkSize: 1000, onProgress: (p) => seen.push(p.rowsDone) });
  assert.equal(result.created.length, 5000);
  assert.deepEqual(seen, [1000, 2000, 3000, 4000, 5000]);
  const controller = new AbortController();
  const cancelled = store.batchInsertThings({
    groupId,
    things,
    chunkSize: 1000,
    signal: controller.signal,
    onProgress: (p) => p.rowsDone === 2000 && controller.abort(),
  });
  await assert.rejects(cancelled, AbortedError);
  assert.equal(await store.countThings({ groupId }), 5000, 'the cancelled atomic batch left nothing');
  await store.close();
});

test('other calls wait for a running import instead of interleaving', async () => {
  const { store, groupId } = await fresh();
  const importing = store.importFile({ groupId, file: coursesCsv(1000), format: 'csv', type: 'course', mapping, chunkSize: 4096 });
  const count = store.countThings({ groupId });
  assert.equal(await count, 1000, 'the count ran after the import');
  assert.equal((await importing).summary.success, 1000);
  await store.close();
});

test('malformed files and bad options get typed errors; the store keeps working', async () => {
  const { store, groupId } = await fresh();
  const cases = [
    [{ file: 'title\n"never closed\n', format: 'csv', type: 't', mapping: { name: 'title' } }, 'unterminated_quote'],
    [{ file: new Uint8Array([116, 105, 0, 0, 10]), format: 'csv', type: 't' }, 'binary_data'],
    [{ file: '', format: 'csv', type: 't' }, 'empty_input'],
    [{ file: 'name,price\n', format: 'csv', type: 't' }, 'no_rows'],
    [{ file: '{"a":1}', format: 'json', type: 't' }, 'not_an_array'],
    [{ file: 'x', format: 'xml', type: 't' }, 'one_of'],
    [{ file: 'name\nx\n', format: 'csv' }, 'required'],
    [{ file: 42, format: 'csv', type: 't' }, 'file_source'],
    [{ file: 'name\nx\n', type: 't' }, 'required'],
  ];
  for (const [options, rule] of cases) {
    await assert.rejects(store.importFile({ groupId, ...options }), (error) => {
      assert.ok(error instanceof ValidationError, `${rule}: ${error.name} ${error.message}`);
      assert.equal(error.details.rule, rule);
      return true;
    });
  }
  assert.equal(await store.countThings({ groupId }), 0);
  await store.insertThing({ groupId, type: 't', name: 'still fine' });
  assert.equal(await store.countThings({ groupId }), 1);
  await store.close();
});

test('NDJSON with bad lines in partial mode reports each by line', async () => {
  const { store, groupId } = await fresh();
  const file = ['{"name":"a","price":1}', '"just a string"', '{"name":"b"', '{"name":"c","tags":["x"]}'].join('\n');
  const result = await store.importFile({ groupId, file, format: 'ndjson', type: 'item', mode: 'partial' });
  assert.deepEqual(result.errors.map((e) => [e.line, e.code]), [
    [2, 'not_an_object'],
    [3, 'invalid_json'],
  ]);
  assert.deepEqual((await store.getThing({ thingId: result.created[1] })).properties, { tags: ['x'] });
  await store.close();
});

test('ragged rows and invalid UTF-8 are row errors with their lines', async () => {
  const { store, groupId } = await fresh();
  const good = new TextEncoder().encode('name,price\nok,1\nshort\n');
  const bad = new Uint8Array([0x62, 0x61, 0x64, 0xff, 0x2c, 0x32, 0x0a]); // "bad\xff,2\n"
  const tail = new TextEncoder().encode('fine,3\n');
  const file = new Uint8Array([...good, ...bad, ...tail]);
  const result = await store.importFile({ groupId, file, format: 'csv', type: 'item', mode: 'partial' });
  assert.deepEqual(result.errors.map((e) => [e.line, e.code]), [
    [3, 'ragged_row'],
    [4, 'invalid_utf8'],
  ]);
  assert.equal(result.created.length, 2);
  await store.close();
});
