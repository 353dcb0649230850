// Runs a bench script in a fresh `node` process and returns the JSON object its last stdout line
// holds: for measurements that must not inherit this process's module cache, compiled wasm or
// heap (open to first answer, peak memory of an import).
// The process starts through /bin/sh, which forks it: on Linux a process's maxRSS
// (getrusage, process.resourceUsage().maxRSS) starts at the peak of the process image it was
// exec'd from, so a node started straight from this (large) process would report this
// process's RSS as its own floor. Started from the shell's small fork, it reports its own.
import { execFileSync } from 'node:child_process';

const FORKING_SHELL = ['/bin/sh', '-c', '"$0" "$@"; exit $?']; // "; exit" keeps sh from exec'ing

/** node <script> ...args; the last line of its output parsed as JSON. Throws on failure. */
export function runNodeScript(script, args) {
  const [shell, ...shellArgs] = FORKING_SHELL;
  const output = execFileSync(shell, [...shellArgs, process.execPath, script, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'], // on failure the thrown error carries stderr
    maxBuffer: 64 << 20,
  });
  return JSON.parse(output.trim().split('\n').at(-1));
}
