// Benchmark adapter for edgetally itself, through its public Node API (js/index.node.js): an
// in-memory store (or one on disk) with the bench's store rule (PRICE_RULE, set with
// setValidationRules), a group, and batchInsertThings, batchCreateConnections and importFile,
// which validate, store and answer with the new ids and a per-row summary. The library is
// imported in init() so that the cold-start probe (bench/cold-start.mjs) times the import too.
import { NAME_COLUMN, PROPERTY_COLUMNS } from '../workloads/csv-data.mjs';
import { PRICE_RULE } from './sql-things.mjs';

export const name = 'edgetally';

export async function init() {
  return import('../../js/index.node.js');
}

/** Opens a store, answers one query, closes; returns the SQLite version the core runs. */
export async function firstAnswer({ open }) {
  const store = await open({ name: 'bench', storage: 'memory' });
  const { sqliteVersion } = await store.info();
  await store.close();
  return sqliteVersion;
}

/**
 * A store with the price rule and one group on `plan`; in memory unless `storeOptions` say
 * otherwise (open()'s options).
 */
export async function fresh({ open }, { plan = 'enterprise', storeOptions = { storage: 'memory' } } = {}) {
  const store = await open({ name: 'bench', ...storeOptions });
  await store.setValidationRules({ rules: PRICE_RULE });
  const group = await store.createGroup({ name: 'Bench', plan });
  return { store, groupId: group.id };
}

export function close({ store }) {
  return store.close();
}

/** batchInsertThings (atomic); returns the new ids. */
export async function insertThings({ store, groupId }, things) {
  const { created, summary } = await store.batchInsertThings({ groupId, things });
  if (summary.failed !== 0) throw new Error(`edgetally: ${summary.failed} things refused`);
  return created;
}

export function countThings({ store, groupId }) {
  return store.countThings({ groupId });
}

/** batchCreateConnections (atomic); returns the new ids. */
export async function createConnections({ store, groupId }, connections) {
  const { created, summary } = await store.batchCreateConnections({ groupId, connections });
  if (summary.failed !== 0) throw new Error(`edgetally: ${summary.failed} connections refused`);
  return created;
}

/** The group's connections, as its quotas count them. */
export async function countConnections({ store, groupId }) {
  const { quotas } = await store.getGroupQuotas({ groupId });
  return quotas.connections_total.current;
}

// The CSV import (bench/workloads/csv-data.mjs describes the file): each property column coerced
// to its type; rows that break the rules are skipped and counted (partial mode).
const CSV_IMPORT = {
  format: 'csv',
  type: 'course',
  mode: 'partial',
  mapping: {
    name: NAME_COLUMN,
    properties: Object.fromEntries(
      Object.entries(PROPERTY_COLUMNS).map(([column, as]) => [column, { column, as }]),
    ),
  },
};

/** importFile of a CSV file (bytes, a string or a stream); returns {success, failed, ids}. */
export async function importCsv({ store, groupId }, file) {
  const { summary, created } = await store.importFile({ groupId, file, ...CSV_IMPORT });
  return { success: summary.success, failed: summary.failed, ids: created };
}
