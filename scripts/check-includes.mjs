// Checks the core's module order (README "How it is built"): a file of src/<module>/ may
// include only its own module and modules below it, so data flows down and no cycle can form:
// model cannot include quota, nothing but the bindings includes engine. A new module gets a
// rank here (modules of equal rank may not include each other). Prints each violation and
// exits 1 if there is one; run by scripts/test.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RANK = {
  common: 0,
  store: 1,
  usage: 2, // periods and the ledger: below model (groups carry a billing anchor)
  model: 3,
  batch: 4,
  quota: 5,
  metrics: 5,
  archive: 5,
  sync: 6,
  api: 7,
  engine: 8,
  bindings: 9,
};

const src = fileURLToPath(new URL('../src/', import.meta.url));
const problems = [];
for (const module of readdirSync(src, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
  if (!(module in RANK)) {
    problems.push(`src/${module}/ has no rank in scripts/check-includes.mjs`);
    continue;
  }
  for (const file of readdirSync(`${src}/${module}`, { recursive: true })) {
    if (!/\.(h|cpp)$/.test(file)) continue;
    const text = readFileSync(`${src}/${module}/${file}`, 'utf8');
    for (const [, target] of text.matchAll(/^#include "([a-z_]+)\//gm)) {
      if (target === module) continue;
      if (!(target in RANK) || RANK[target] >= RANK[module]) {
        problems.push(`src/${module}/${file} includes ${target}/ (${module} may include only modules below it)`);
      }
    }
  }
}
for (const problem of problems) console.log(problem);
console.log(problems.length ? `${problems.length} include-order violations` : 'include order ok');
process.exit(problems.length ? 1 : 0);
