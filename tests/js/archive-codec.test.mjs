// Node's archive gzip (js/archive/codec.node.js): a chunk of 2 MiB or more is deflated in
// pieces at once on the thread pool and joined into one gzip member. It must inflate to exactly
// the text (with node:zlib and with DecompressionStream), carry the text's CRC-32 and length in
// its trailer, stay about as small as one stream, and go through archival end to end (the core
// checks the trailer, readArchive verifies the hash and parses every line back).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { open } from '../../js/index.node.js';
import { nodeCodec } from '../../js/archive/codec.node.js';
import { fillStore } from './fixtures/archive-fill.mjs';

function lines(n) {
  let text = '';
  for (let i = 0; i < n; i++) text += `{"id":${i + 1},"type":"${['view', 'like', 'payment'][i % 3]}","ts":${1.7e12 + i * 7919},"metadata":{"n":${(i * 2654435761) % 1000}}}\n`;
  return new TextEncoder().encode(text);
}

async function inflateWeb(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

test('a big chunk deflated in pieces is one gzip member of the same text', async () => {
  const text = lines(80_000); // ~6 MiB: several pieces
  assert.ok(text.length > 4 * 2 ** 20);
  const crc = zlib.crc32(text);
  const gzip = await nodeCodec.gzip(text, crc);
  assert.deepEqual([gzip[0], gzip[1], gzip[2]], [0x1f, 0x8b, 8]);
  const trailer = new DataView(gzip.buffer, gzip.byteOffset + gzip.length - 8, 8);
  assert.equal(trailer.getUint32(0, true), crc);
  assert.equal(trailer.getUint32(4, true), text.length);
  assert.deepEqual(new Uint8Array(zlib.gunzipSync(gzip)), text);
  assert.deepEqual(await inflateWeb(gzip), text);
  const single = zlib.gzipSync(text, { level: 6 });
  assert.ok(gzip.length < single.length * 1.01, `pieces ${gzip.length} bytes, one stream ${single.length}`);
  // small inputs and callers without a CRC take the single stream
  const small = lines(100);
  assert.deepEqual(new Uint8Array(zlib.gunzipSync(await nodeCodec.gzip(small, zlib.crc32(small)))), small);
  assert.deepEqual(new Uint8Array(zlib.gunzipSync(await nodeCodec.gzip(text))), text);
});

test('archival of a chunk over 2 MiB stores the pieced gzip and reads every event back', async () => {
  const store = await open({ name: 'big-chunk', storage: 'memory' });
  const { groupId, logged } = await fillStore(store, { old: 16_000, plan: 'enterprise' });
  const run = await store.archiveGroupEvents({ groupId, daysCutoff: 365 });
  assert.equal(run.archived, logged.old.length);
  assert.equal(run.chunks.length, 1);
  const { chunk, events } = await store.readArchive({ chunkId: run.chunks[0].chunkId });
  assert.equal(chunk.sha256, run.chunks[0].sha256);
  assert.deepEqual(events.map((e) => e.id), logged.old.map((e) => e.id));
  assert.deepEqual(events.map((e) => e.metadata), logged.old.map((e) => e.metadata));
  const gzip = await store.exportArchive({ chunkId: chunk.chunkId });
  assert.ok(zlib.gunzipSync(gzip).length > 2 * 2 ** 20, 'the chunk took the pieced path');
  await store.close();
});
