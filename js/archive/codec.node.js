// Gzip for archive chunks in Node: node:zlib at level 6 (zlib's default, what
// CompressionStream uses), run on libuv's thread pool so the event loop stays free. A chunk of
// several MiB is compressed the way pigz does it: pieces of PIECE bytes deflated at once on the
// pool's threads, each primed with the 32 KiB before it (so the ratio stays that of one
// stream), every piece but the last ended with a sync flush (byte-aligned, not final), joined
// into one raw deflate stream and wrapped in one RFC 1952 member whose trailer is the CRC-32
// the core computed for the NDJSON (archivePrepare's crc32). The bytes differ from a
// single-threaded gzip of the same text but inflate to exactly it; the chunk's SHA-256 is that
// of the bytes stored. Each piece's output buffer (chunkSize) holds its whole deflate output,
// so a piece is one job on the pool: with node:zlib's default 16 KiB, every 16 KiB of output
// went back to the event loop for the next job, and while the engine ran (the next chunk's
// encoding, a commit) the pool stood still after its first 16 KiB.
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);
const deflateRaw = promisify(zlib.deflateRaw);
const LEVEL = 6;
const PIECE = 1 << 20;
const WINDOW = 32768; // deflate's window: what a piece may refer back to
const HEADER = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3); // deflate, no flags, no mtime, Unix

// At least deflate's worst case for `n` input bytes (stored blocks: 5 bytes per 16 KiB block,
// plus a flush marker and the final block).
const outputBound = (n) => n + (n >> 10) + 64;

async function piecewiseGzip(bytes, crc32) {
  const pieces = [];
  for (let at = 0; at < bytes.length; at += PIECE) {
    const end = Math.min(bytes.length, at + PIECE);
    const options = {
      level: LEVEL,
      finishFlush: end === bytes.length ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
      chunkSize: outputBound(end - at),
    };
    if (at > 0) options.dictionary = bytes.subarray(at - WINDOW, at);
    pieces.push(deflateRaw(bytes.subarray(at, end), options));
  }
  const parts = await Promise.all(pieces);
  const out = new Uint8Array(HEADER.length + parts.reduce((n, p) => n + p.length, 0) + 8);
  out.set(HEADER);
  let at = HEADER.length;
  for (const part of parts) out.set(part, (at += part.length) - part.length);
  const trailer = new DataView(out.buffer, at, 8);
  trailer.setUint32(0, crc32 >>> 0, true);
  trailer.setUint32(4, bytes.length >>> 0, true);
  return out;
}

/** node:zlib gzip level 6; pieces in parallel when the caller knows the text's CRC-32. */
export const nodeCodec = Object.freeze({
  name: 'node:zlib',
  gzip: async (bytes, crc32) =>
    crc32 !== undefined && bytes.length >= 2 * PIECE ? piecewiseGzip(bytes, crc32) : new Uint8Array(await gzip(bytes, { level: LEVEL, chunkSize: outputBound(bytes.length) + 18 })),
  gunzip: async (bytes) => new Uint8Array(await gunzip(bytes)),
});
