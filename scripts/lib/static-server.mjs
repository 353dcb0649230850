// A small static HTTP server for the repo (demo page, browser tests): serves files under a root
// directory on 127.0.0.1 with the right MIME types (application/wasm for streaming compile) and
// no caching, refusing paths that leave the root.
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
    fs.readFile(file, (error, body) => {
      if (error) return send(response, 404, 'not found');
      response.writeHead(200, {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      response.end(body);
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
