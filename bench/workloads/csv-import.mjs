// Workload "CSV import": a CSV file (bench/workloads/csv-data.mjs) imported as 'course' things in
// partial mode (invalid rows skipped and counted), timed from the bytes in memory to the rows
// committed: edgetally's importFile, and for the raw SQLite peers TextDecoder + PapaParse +
// validation + a prepared INSERT in one transaction (bench/peers/csv-sql.mjs). Every run checks
// the counts. The import's peak memory per stack, measured in fresh processes, is in
// bench/workloads/csv-memory.mjs.
import { importCsv } from '../peers/csv-sql.mjs';
import { PEERS } from '../peers/index.mjs';
import { timeBySize, timed } from '../timing.mjs';
import { expectedCounts, makeCsvBytes } from './csv-data.mjs';
import { expectCounts } from './insert-things.mjs';

export const CSV_RUNS = 3;

/** (db, file) -> {success, failed, ...}: edgetally's importFile, or the PapaParse import. */
export function csvImporter(peer) {
  return peer.importCsv ?? ((db, bytes) => importCsv(peer, db, bytes));
}

/**
 * Imports `file` into `db`, a fresh database of `peer`, and closes it; returns {ms, success,
 * failed, counted, ...} with the counts not yet checked.
 */
export async function importInto(peer, db, file) {
  const { ms, value } = await timed(() => csvImporter(peer)(db, file));
  const counted = await peer.count(db);
  await peer.close(db);
  return { ms, ...value, counted };
}

/** Throws unless an import reported and stored the counts `rows` rows must give. */
export function checkImport(stack, { success, failed, counted }, rows) {
  const expected = expectedCounts(rows);
  expectCounts(stack, 'rows imported', { success, counted }, expected.success);
  expectCounts(stack, 'rows failed', { failed }, expected.failed);
}

async function timeOnce({ peer, ctx }, { bytes, rows }) {
  const result = await importInto(peer, await peer.fresh(ctx), bytes);
  checkImport(peer.name, result, rows);
  return result.ms;
}

/** Rows in the file: 10K with --quick, else 100K. */
export function csvRows({ quick }) {
  return quick ? 10_000 : 100_000;
}

/** {rows, runs, medianMs: {stack -> ms}, runsMs}; `contexts` maps a peer's name to its init(). */
export async function runCsvImport(options, contexts, progress) {
  const [result] = await timeBySize({
    label: 'CSV import',
    sizes: [csvRows(options)],
    stacks: PEERS.map((peer) => ({ name: peer.name, peer, ctx: contexts.get(peer.name) })),
    runs: () => Math.min(options.runs, CSV_RUNS),
    makeInput: (rows) => ({ rows, bytes: makeCsvBytes(rows) }),
    timeOnce,
    progress,
  });
  const { n: rows, ...rest } = result;
  return { rows, ...rest };
}
