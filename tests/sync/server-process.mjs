// Starts the reference server's CLI (`edgetally-server`) as a child process on a free loopback
// port and resolves with its URL once it says it listens. Shared by the scale-out test and the
// sync throughput bench. `track(kill)` receives the function that stops it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../js/server/cli.js', import.meta.url));

/**
 * @param {{database: string, archives: string, secret: string, args?: string[], nodeArgs?: string[],
 *   killSignal?: string, track: (kill: () => void) => void}} options (killSignal: SIGKILL unless
 *   the caller needs the process to exit cleanly, e.g. to write a --cpu-prof profile)
 * @returns {Promise<string>} the server's base URL
 */
export function startServerProcess({ database, archives, secret, args = [], nodeArgs = [], killSignal = 'SIGKILL', track }) {
  const child = spawn(process.execPath, [...nodeArgs, CLI, '--port', '0', '--database', database, '--archives', archives, '--no-rate-limit', ...args], {
    env: { ...process.env, EDGETALLY_SECRET: secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  track(() => {
    if (child.exitCode !== null) return undefined;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(killSignal);
    return exited;
  }, child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}
