// PagedFile, the in-memory image behind the IndexedDB backend: reads and writes across chunk
// boundaries, reads past the end, truncation (the dropped bytes read as zeros if the file
// grows again), and the change set a save takes (and gives back when the save fails).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHUNK_SIZE, PagedFile } from '../../js/storage/paged-file.js';

const bytes = (length, seed) => Uint8Array.from({ length }, (_, i) => (i * 7 + seed) & 0xff);

test('writes and reads across chunk boundaries; reads stop at the end of the file', () => {
  const file = new PagedFile();
  const data = bytes(CHUNK_SIZE + 100, 3);
  file.write(data, CHUNK_SIZE - 50);
  assert.equal(file.size, 2 * CHUNK_SIZE + 50);
  const back = new Uint8Array(data.length);
  assert.equal(file.read(back, CHUNK_SIZE - 50), data.length);
  assert.deepEqual(back, data);
  const head = new Uint8Array(10).fill(9);
  assert.equal(file.read(head, 0), 10);
  assert.deepEqual(head, new Uint8Array(10), 'unwritten bytes inside the file read as zeros');
  assert.equal(file.read(new Uint8Array(100), file.size - 30), 30);
  assert.equal(file.read(new Uint8Array(10), file.size + 5), 0);
});

test('takeChanges lists each written chunk once, then the file is clean', () => {
  const file = new PagedFile();
  file.write(bytes(10, 1), 0);
  file.write(bytes(10, 2), 5);
  file.write(bytes(CHUNK_SIZE, 4), 2 * CHUNK_SIZE);
  const changes = file.takeChanges();
  assert.deepEqual(changes.chunks.map(([index]) => index).sort(), [0, 2]);
  assert.equal(changes.size, 3 * CHUNK_SIZE);
  assert.equal(changes.dropFrom, null);
  assert.deepEqual(file.takeChanges().chunks, []);
});

test('truncation drops chunks past the end, zeroes the tail, and a regrown file reads zeros', () => {
  const file = new PagedFile();
  file.write(bytes(3 * CHUNK_SIZE, 5), 0);
  file.takeChanges();
  file.truncate(CHUNK_SIZE + 10);
  file.truncate(3 * CHUNK_SIZE); // grows again without writing
  const changes = file.takeChanges();
  assert.equal(changes.dropFrom, 2, 'saved chunks from index 2 on are stale');
  assert.deepEqual(changes.chunks.map(([index]) => index), [1], 'the cut chunk is saved zeroed');
  const tail = new Uint8Array(2 * CHUNK_SIZE - 10);
  assert.equal(file.read(tail, CHUNK_SIZE + 10), tail.length);
  assert.deepEqual(tail, new Uint8Array(tail.length));
});

test('restoreChanges gives a failed save back, merged with newer writes', () => {
  const file = new PagedFile();
  file.write(bytes(CHUNK_SIZE, 6), 0);
  file.truncate(10);
  const failed = file.takeChanges();
  file.write(bytes(10, 7), 3 * CHUNK_SIZE);
  file.restoreChanges(failed);
  const retry = file.takeChanges();
  assert.deepEqual(retry.chunks.map(([index]) => index).sort(), [0, 3]);
  assert.equal(retry.dropFrom, 1);
  assert.equal(retry.size, 3 * CHUNK_SIZE + 10);
});
