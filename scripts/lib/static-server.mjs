// A small static HTTP server for the repo (demo page, browser tests): serves files under a root
// directory on 127.0.0.1 with the right MIME types (application/wasm for streaming compile) and
// revalidated caching (ETag), refusing paths that leave the root.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * @param {{root: string, port?: number, host?: string,
 *   route?: (request: http.IncomingMessage, response: http.ServerResponse) => boolean}} options
 *   port 0 picks a free port; `route` answers the requests it claims (returns true) first
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export function startStaticServer({ root, port = 0, host = '127.0.0.1', route }) {
  const base = path.resolve(root);
  const server = http.createServer((request, response) => {
    if (route?.(request, response)) return;
    const pathname = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    let file = path.join(base, pathname);
    if (!file.startsWith(base)) return send(response, 403, 'forbidden');
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.stat(file, (error, stat) => {
      if (error || !stat.isFile()) return send(response, 404, 'not found');
      // Revalidated on every use (no-cache + ETag): a rebuilt file is always fetched anew, and
      // an unchanged one comes from the browser's cache with its compiled code (V8 keeps the
      // code of cached scripts and wasm), as from a production server.
      const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
      const headers = { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', etag };
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, headers);
        return response.end();
      }
      fs.readFile(file, (readError, body) => {
        if (readError) return send(response, 404, 'not found');
        response.writeHead(200, headers);
        response.end(body);
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://${host}:${actual}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

function send(response, status, text) {
  response.writeHead(status, { 'content-type': 'text/plain' });
  response.end(text);
}
