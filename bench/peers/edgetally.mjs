// Benchmark adapter for edgetally itself, through its public Node API (js/index.node.js): an
// in-memory store (or one on disk), a group on plan 'enterprise', and batchInsertThings,
// batchCreateConnections and importFile, which validate, store and answer with a per-row
// summary. The library is imported in init() so that the cold-start probe
// (bench/cold-start.mjs) can time the import too.
import { NAME_COLUMN, PROPERTY_COLUMNS } from '../workloads/csv-data.mjs';

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

/** A store with one group; in memory unless `storeOptions` say otherwise (open()'s options). */
export async function fresh({ open }, storeOptions = { storage: 'memory' }) {
  const store = await open({ name: 'bench', ...storeOptions });
  const group = await store.createGroup({ name: 'Bench', plan: 'enterprise' });
  return { store, groupId: group.id };
}

export async function insert({ store, groupId }, things) {
  const result = await store.batchInsertThings({ groupId, things });
  return result.summary.success;
}

export function count({ store, groupId }) {
  return store.countThings({ groupId });
}

/** batchCreateConnections (atomic); returns the number created. */
export async function createConnections({ store, groupId }, connections) {
  const result = await store.batchCreateConnections({ groupId, connections });
  return result.summary.success;
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

/**
 * importFile of a CSV file (bytes or a stream); returns {success, failed, createdIds,
 * errorsListed}: the lengths of the result's `created` and `errors` arrays next to its summary.
 */
export async function importCsv({ store, groupId }, file) {
  const { summary, created, errors } = await store.importFile({ groupId, file, ...CSV_IMPORT });
  const { success, failed } = summary;
  return { success, failed, createdIds: created.length, errorsListed: errors.length };
}

export function close({ store }) {
  return store.close();
}
