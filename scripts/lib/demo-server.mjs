// The demo's server on 127.0.0.1: the repository's files (the demo page, the package, the
// sample catalogue), the reference sync server (edgetally/server, SQLite under `dataDir`) on
// the same origin at /v1/, and the two endpoints an app's own backend would have: /demo/config
// (where sync goes) and /demo/token?group=ID (a short-lived token for that group). The demo's
// service worker (/demo/sw.js) is sent with Service-Worker-Allowed: / so it may control the
// package's files under /js/, /web/ and /dist/ as well (the engine's Worker loads from /js/).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createSyncServer, issueToken } from '../../js/server/index.js';
import { startStaticServer } from './static-server.mjs';

function json(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function serviceWorker(root, response) {
  response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store', 'service-worker-allowed': '/' });
  response.end(fs.readFileSync(path.join(root, 'demo', 'sw.js')));
}

/**
 * @param {{root: string, dataDir: string, port?: number}} options
 * @returns {Promise<{url: string, secret: string, close: () => Promise<void>}>}
 */
export async function startDemoServer({ root, dataDir, port = 0 }) {
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(24).toString('hex');
  const sync = await createSyncServer({
    secret,
    database: path.join(dataDir, 'server.sqlite3'),
    archives: path.join(dataDir, 'archives'),
  });
  let origin = '';
  const route = (request, response) => {
    const url = new URL(request.url, 'http://demo');
    if (url.pathname.startsWith('/v1/')) return sync.handler(request, response), true;
    if (url.pathname === '/demo/config') return json(response, 200, { syncUrl: origin }), true;
    if (url.pathname === '/demo/sw.js') return serviceWorker(root, response), true;
    if (url.pathname !== '/demo/token') return false;
    const groupId = url.searchParams.get('group') ?? '';
    response.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
    response.end(issueToken({ secret, groupId, expiresInSeconds: 3600 }));
    return true;
  };
  const web = await startStaticServer({ root, port, route });
  origin = web.url;
  return {
    url: web.url,
    secret,
    async close() {
      await web.close();
      await sync.close();
    },
  };
}
