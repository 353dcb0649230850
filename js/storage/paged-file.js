// PagedFile: one file's bytes in memory as fixed-size chunks, each its own ArrayBuffer (so a
// chunk can be handed to IndexedDB, which copies it, without copying the whole file). It
// remembers which chunks changed since the last `takeChanges()` and whether the file shrank, so
// the IndexedDB backend (indexeddb.js) saves only what changed.

export const CHUNK_SIZE = 4096; // SQLite's page size: one page per IndexedDB record

export class PagedFile {
  /**
   * @param {Uint8Array[]} [chunks] sparse: a missing chunk inside `size` reads as zeros
   * @param {number} [size] bytes
   */
  constructor(chunks = [], size = 0) {
    this.chunks = chunks;
    this.size = size;
    this.dirty = new Set(); // chunk indexes written since takeChanges()
    this.shrunkTo = null; // smallest size truncated to since takeChanges(): chunks past it go
  }

  /** Copies bytes at `offset` into `view`; returns how many (fewer at end of file). */
  read(view, offset) {
    const length = Math.max(0, Math.min(view.length, this.size - offset));
    for (let done = 0; done < length; ) {
      const at = offset + done;
      const index = Math.floor(at / CHUNK_SIZE);
      const start = at - index * CHUNK_SIZE;
      const count = Math.min(CHUNK_SIZE - start, length - done);
      const chunk = this.chunks[index];
      if (chunk) view.set(chunk.subarray(start, start + count), done);
      else view.fill(0, done, done + count);
      done += count;
    }
    return length;
  }

  /** Writes `view` at `offset`, extending the file as needed. */
  write(view, offset) {
    for (let done = 0; done < view.length; ) {
      const at = offset + done;
      const index = Math.floor(at / CHUNK_SIZE);
      const start = at - index * CHUNK_SIZE;
      const count = Math.min(CHUNK_SIZE - start, view.length - done);
      this.chunks[index] ??= new Uint8Array(CHUNK_SIZE);
      this.chunks[index].set(view.subarray(done, done + count), start);
      this.dirty.add(index);
      done += count;
    }
    this.size = Math.max(this.size, offset + view.length);
  }

  /** Sets the size; bytes past it are dropped (and read as zeros if the file grows again). */
  truncate(size) {
    if (size >= this.size) {
      this.size = size;
      return;
    }
    const keep = Math.ceil(size / CHUNK_SIZE);
    this.chunks.length = Math.min(this.chunks.length, keep);
    const tail = size % CHUNK_SIZE;
    if (tail && this.chunks[keep - 1]) {
      this.chunks[keep - 1].fill(0, tail);
      this.dirty.add(keep - 1);
    }
    for (const index of this.dirty) if (index >= keep) this.dirty.delete(index);
    this.size = size;
    this.shrunkTo = Math.min(this.shrunkTo ?? size, size);
  }

  /**
   * What changed since the last call, then clean: {chunks: [index, chunk][], size, dropFrom}
   * (dropFrom: the first chunk index whose saved copy is stale and not in `chunks`, or null).
   */
  takeChanges() {
    const chunks = [...this.dirty].map((index) => [index, this.chunks[index]]);
    const dropFrom = this.shrunkTo === null ? null : Math.ceil(this.shrunkTo / CHUNK_SIZE);
    const changes = { chunks, size: this.size, dropFrom, shrunkTo: this.shrunkTo };
    this.dirty = new Set();
    this.shrunkTo = null;
    return changes;
  }

  /** Marks changes from takeChanges() as unsaved again (their save failed). */
  restoreChanges(changes) {
    for (const [index] of changes.chunks) if (index * CHUNK_SIZE < this.size) this.dirty.add(index);
    if (changes.shrunkTo !== null) this.shrunkTo = Math.min(this.shrunkTo ?? changes.shrunkTo, changes.shrunkTo);
  }
}
