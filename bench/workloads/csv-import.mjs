// Workloads "CSV import" (two: the file as bytes, and as a string): a CSV file of N rows
// (bench/workloads/csv-data.mjs) imported as 'course' things in partial mode (invalid rows,
// the price rule's included, skipped and counted), timed from the file in memory to the rows
// committed: edgetally's importFile, and for the raw SQLite peers (TextDecoder +) PapaParse +
// the same checks + a prepared INSERT in one transaction (bench/peers/sql-csv.mjs). Every
// stack answers the new ids. bench/import-child.mjs streams a 1M-row file from disk.
import { importCsv } from '../peers/sql-csv.mjs';
import { countThings, THINGS_SCHEMA } from '../peers/sql-things.mjs';
import { expectedCounts, makeCsvBytes, makeCsvText } from './csv-data.mjs';
import { ALL_STACKS, expectCounts, idsDigest, stackOf } from './stacks.mjs';

/** (db, file) -> {success, failed, ids}, and the rest of a stack's import API. */
function importApi(label) {
  const { peer } = stackOf(label);
  if (peer.name === 'edgetally') {
    return { peer, fresh: (lib) => peer.fresh(lib), import: peer.importCsv, count: peer.countThings, close: peer.close };
  }
  return {
    peer,
    fresh: (lib) => peer.fresh(lib, THINGS_SCHEMA),
    import: (db, file) => importCsv(peer, db, file),
    count: (db) => countThings(peer, db),
    close: (db) => peer.close(db),
  };
}

/** Throws unless an import reported and stored the counts `rows` rows must give. */
export function checkImport(stack, { success, failed, counted }, rows) {
  const expected = expectedCounts(rows);
  expectCounts(stack, 'rows imported', { success, counted }, expected.success);
  expectCounts(stack, 'rows failed', { failed }, expected.failed);
}

function csvWorkload(kind, makeFile) {
  return {
    name: `csv-import-${kind}`,
    unit: 'ms',
    sameWork: `the file as ${kind === 'bytes' ? 'bytes (peers: TextDecoder, then PapaParse)' : 'a string (peers: PapaParse)'}; ` +
      'every row mapped and checked like an inserted thing (price rule included), 3% invalid ' +
      'rows skipped and counted, one transaction, new ids returned',
    goal: { n: 100_000, warmMs: 300 },
    title: (n) => `CSV import of ${n.toLocaleString('en-US')} rows as ${kind}, partial mode`,
    sizes: ({ quick }) => [quick ? 10_000 : 100_000],
    runs: ({ runs }) => Math.min(runs, 3),
    stacks: () => ALL_STACKS,
    async setUp(label, n) {
      const api = importApi(label);
      return { label, api, lib: await api.peer.init(), rows: n, file: makeFile(n) };
    },
    before: ({ api, lib }) => api.fresh(lib),
    run: ({ api, file }, db) => api.import(db, file),
    async after({ label, api, rows }, db, { success, failed, ids }) {
      const counted = await api.count(db);
      await api.close(db);
      checkImport(label, { success, failed, counted }, rows);
      return { success, failed, ids: idsDigest(ids) };
    },
  };
}

export const csvImportBytes = csvWorkload('bytes', makeCsvBytes);
export const csvImportString = csvWorkload('string', makeCsvText);
