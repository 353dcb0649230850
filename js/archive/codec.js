// Gzip for archive chunks where the engine runs, on the platform's own implementation (the core
// has no zlib): CompressionStream / DecompressionStream, in browsers (a dedicated Worker) and
// any runtime that has them. Node's entry uses codec.node.js (node:zlib) instead. A codec is
// {gzip(bytes, crc32?) -> Promise<Uint8Array>, gunzip(bytes) -> Promise<Uint8Array>, name}
// (crc32: the CRC-32 of bytes when the caller knows it; this codec does not need it).

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** CompressionStream('gzip'): the browser's deflate at its default level. */
export const webCodec = Object.freeze({
  name: 'CompressionStream',
  gzip: (bytes) => pipe(bytes, new CompressionStream('gzip')),
  gunzip: (bytes) => pipe(bytes, new DecompressionStream('gzip')),
});
