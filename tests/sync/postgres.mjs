// A throwaway PostgreSQL cluster for a test: initdb into a temporary folder, started with pg_ctl
// on a free loopback port (TCP on 127.0.0.1 only, its socket in the same folder), stopped and
// removed when the test ends. Run as the postgres user when the test runs as root.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const BIN = '/usr/lib/postgresql/15/bin';

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

function run(command, args) {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

/** Starts a cluster; returns its postgres:// URL. */
export async function startPostgres(t) {
  if (!fs.existsSync(path.join(BIN, 'initdb'))) throw new Error(`PostgreSQL 15 is not installed (${BIN}); run scripts/setup`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgetally-pg-'));
  fs.chmodSync(dir, 0o755);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  run(path.join(BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'et', '--no-sync']);
  run(path.join(BIN, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', 'start']);
  t.after(() => {
    try {
      run(path.join(BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  return `postgres://et@127.0.0.1:${port}/postgres`;
}
