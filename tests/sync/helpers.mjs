// Shared helpers of the sync suite: a reference server on a loopback port (in this process or
// as a child running the CLI), tokens, temporary folders, and child devices.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSyncServer, issueToken } from 'edgetally/server';

export const SECRET = 'test-secret-0123456789abcdef';
export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const cli = fileURLToPath(new URL('../../js/server/cli.js', import.meta.url));

export function tempDir(t, prefix = 'edgetally-sync-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function token(groupId, extra = {}) {
  return issueToken({ secret: SECRET, groupId, expiresInSeconds: 3600, ...extra });
}

export function listen(handler) {
  return new Promise((resolve) => {
    const server = http.createServer(handler);
    server.keepAliveTimeout = 1000;
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

export function closeServer(server) {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** The reference server in this process on 127.0.0.1; closed when the test ends. */
export async function startServer(t, options = {}) {
  const dir = options.dir ?? tempDir(t);
  const sync = await createSyncServer({
    secret: SECRET,
    database: path.join(dir, 'server.sqlite3'),
    archives: path.join(dir, 'archives'),
    onError: () => {},
    ...options.server,
  });
  const { server, url } = await listen(sync.handler);
  t.after(async () => {
    await closeServer(server);
    await sync.close();
  });
  return { url, dir, sync, server };
}

export async function api(url, pathname, { method = 'GET', groupId, body, headers = {}, bearer } = {}) {
  const auth = bearer ?? (groupId ? token(groupId) : undefined);
  const response = await fetch(`${url}${pathname}`, {
    method,
    headers: { ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...headers },
    body,
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** Polls `check()` until it returns a truthy value (a bounded wait, never a timing assertion). */
export async function eventually(check, { timeoutMs = 30000, everyMs = 20, what = 'condition' } = {}) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Spawns fixtures/<script> with `args`; `onLine(line)` sees each stdout line. */
export function spawnChild(script, args, onLine = () => {}, env = {}) {
  const child = spawn(process.execPath, [path.join(fixtures, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      onLine(line);
    }
  });
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return child;
}
