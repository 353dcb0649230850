// The browser entries (js/index.browser.js for the page, js/worker.browser.js for the engine's
// worker) import every module of their graph directly, so that an unbundled load fetches each
// graph in one round instead of one round per import level (page load to first answer, see
// README "Benchmarks"). Fails, naming the module, when a new import deepens a graph.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

// Each module reachable from `entry` by static relative imports, with its import depth.
function depths(entry) {
  const found = new Map([[entry, 0]]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), match[1] ?? match[2]);
      if (found.has(target)) continue;
      found.set(target, found.get(file) + 1);
      queue.push(target);
    }
  }
  return found;
}

for (const entry of ['js/index.browser.js', 'js/worker.browser.js']) {
  test(`${entry} imports every module of its graph directly`, () => {
    const graph = depths(path.join(root, entry));
    const deeper = [...graph].filter(([, depth]) => depth > 1).map(([file]) => path.relative(root, file));
    assert.deepEqual(deeper, [], `add these to ${entry}'s direct imports`);
    assert.ok(graph.size > 5, 'the graph was read');
  });
}
