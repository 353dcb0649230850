// Shared helpers for the Node tests of the package: temporary directories, file bytes, and a
// child Node process running a fixture script.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A fresh temporary directory, removed when the test ends. */
export function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgetally-js-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function fileBytes(file) {
  return fs.readFileSync(file);
}

/**
 * Runs fixtures/<script> in a child process with `args`; `onLine(line, child)` sees each
 * stdout line. Resolves with {code, signal, lines}.
 */
export function runChild(script, args, onLine = () => {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(fixtures, script), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = [];
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        lines.push(line);
        onLine(line, child);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, lines }));
  });
}
