// The workloads scripts/bench runs, in report order. To add one, write a module in this folder
// with the shape below and add one line to WORKLOADS; the runner (bench/run.mjs) runs it for
// every stack it names, each in a fresh node process (bench/workload-child.mjs), and prints
// its table: cold (the first run in the process), warm (median of the runs after a warm-up),
// peak RSS, and whether each stack's answer matched edgetally's.
//
//   name: 'insert-things'               id on the command line (--only) and in latest.json
//   title(n): string                    the table's title
//   sameWork: string                    what every stack does, printed under the title
//   unit: 'ms' | 'µs'                   per run, or per operation when run() answers {ops}
//   sizes({quick}): number[]            one table per N
//   runs({runs, quick}, n): number      warm runs after the warm-up (keep the whole bench ~10 min)
//   stacks(): string[]                  stack labels, edgetally first ('sql.js', 'sql.js plain', ...)
//   setUp(stack, n) -> state            untimed: library loaded, input made
//   before(state) -> ctx                untimed, before each run: e.g. a fresh database
//   run(state, ctx, {cold}) -> output   timed
//   after(state, ctx, output) -> digest untimed: checks, closes; the digest (counts, ids) is
//                                       compared across stacks as JSON
//   differs?(stack): string             why a stack's digest may differ (printed instead of a mismatch)
//   goal?: {n, warmMs}                  an absolute goal for edgetally's warm time at size n
// Two workloads run on their own, with their own tables (bench/run.mjs calls them; --only
// names them too): metrics.mjs (computed metrics) and archival.mjs (archiving 87,500 of 1M
// events, with its time split and pages reclaimed; one fixture per bench run).
import * as connections from './connections.mjs';
import { csvImportBytes, csvImportString } from './csv-import.mjs';
import * as insertThings from './insert-things.mjs';
import * as quotaChecks from './quota-checks.mjs';
import { afterWrite as quotaChecksAfterWrite } from './quota-checks.mjs';

export const WORKLOADS = [insertThings, connections, csvImportBytes, csvImportString, quotaChecks, quotaChecksAfterWrite];
export const WORKLOADS_BY_NAME = new Map(WORKLOADS.map((workload) => [workload.name, workload]));
