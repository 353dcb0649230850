// Reading an import source in chunks of bytes, whatever it is: Uint8Array, ArrayBuffer, a
// string, a Blob/File, a ReadableStream, or any async iterable of bytes (a Node stream). The
// file is never read whole: memory stays bounded by one chunk.
import { ErrorCode, makeError } from './errors.js';
import { transferableChunks } from './worker-transport.js';

/**
 * The source with in-memory forms made bytes once: a string as its UTF-8 bytes, any ArrayBuffer
 * view (Buffer, DataView, typed arrays) as a Uint8Array over the same memory.
 */
export function asBytes(source) {
  if (typeof source === 'string') return new TextEncoder().encode(source);
  if (ArrayBuffer.isView(source) && !(source instanceof Uint8Array)) {
    return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  }
  return source;
}

/** A Node file stream's path as text (fs.createReadStream sets `path`: string, Buffer or URL). */
export function streamPath(source) {
  const path = source?.path;
  if (typeof path === 'string') return path;
  if (path instanceof URL) return path.pathname;
  if (path instanceof Uint8Array) return new TextDecoder().decode(path);
  return undefined;
}

/**
 * The byte size when it is known up front (for progress), else undefined: bytes, Blob/File, and
 * a Node file stream when `fileSize(path)` (the Node entry's stat) is given, minus the part its
 * `start`/`end` options skip.
 * @param {unknown} source what asBytes returned
 * @param {((path: string) => Promise<number>) | undefined} fileSize
 */
export async function knownSize(source, fileSize) {
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return source.byteLength;
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source.size;
  const path = streamPath(source);
  if (path === undefined || !fileSize) return undefined;
  const size = await fileSize(path).catch(() => undefined);
  if (size === undefined) return undefined; // the stream reports the failure when read
  const { start = 0, end = Infinity } = /** @type {any} */ (source);
  return Math.max(0, Math.min(size, end + 1) - start);
}

function* slices(bytes, size) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

// `owned`: the stream is ours (a Blob's), so its chunks may move to a worker without a copy.
async function* fromStream(stream, owned = false) {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const chunk = value instanceof Uint8Array ? value : new Uint8Array(value);
      if (owned) transferableChunks.add(chunk);
      yield chunk;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* fromIterable(iterable) {
  for await (const chunk of iterable) {
    yield typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

/**
 * @param {unknown} source
 * @param {number} chunkSize bytes per chunk for in-memory sources
 * @returns {AsyncIterable<Uint8Array> | Iterable<Uint8Array>}
 */
export function readChunks(source, chunkSize) {
  if (source instanceof Uint8Array) return slices(source, chunkSize);
  if (source instanceof ArrayBuffer) return slices(new Uint8Array(source), chunkSize);
  if (typeof source === 'string') return slices(new TextEncoder().encode(source), chunkSize);
  if (typeof Blob !== 'undefined' && source instanceof Blob) return fromStream(source.stream(), true);
  if (source && typeof source.getReader === 'function') return fromStream(source);
  if (source && typeof source[Symbol.asyncIterator] === 'function') return fromIterable(source);
  throw makeError(ErrorCode.INVALID_ARGUMENT, 'file must be bytes, a string, a Blob/File, a ReadableStream or an async iterable of bytes', {
    field: 'file',
    rule: 'file_source',
  });
}

/**
 * The import format from an explicit value, a File's name or a Node file stream's path (.csv,
 * .ndjson/.jsonl, .json).
 */
export function inferFormat(format, source) {
  if (format !== undefined) return format;
  const name = (typeof source?.name === 'string' ? source.name : (streamPath(source) ?? '')).toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  if (name.endsWith('.json')) return 'json';
  throw makeError(ErrorCode.INVALID_ARGUMENT, "format is required ('csv', 'ndjson' or 'json') when the file name or path does not tell", {
    field: 'format',
    rule: 'required',
  });
}
