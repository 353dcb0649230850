// Gzip for archive chunks in Node: node:zlib at level 6 (zlib's default, what
// CompressionStream uses), run on libuv's thread pool so the event loop stays free.
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

/** node:zlib gzip level 6. */
export const nodeCodec = Object.freeze({
  name: 'node:zlib',
  gzip: async (bytes) => new Uint8Array(await gzip(bytes, { level: 6 })),
  gunzip: async (bytes) => new Uint8Array(await gunzip(bytes)),
});
