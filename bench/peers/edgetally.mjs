// Benchmark adapter for edgetally itself, through its public Node API (js/index.node.js): an
// in-memory store, a group on plan 'enterprise', and batchInsertThings, which validates, stores
// and answers with a per-row summary. The library is imported in init() so that the cold-start
// probe (bench/cold-start.mjs) can time the import too.

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

export async function fresh({ open }) {
  const store = await open({ name: 'bench', storage: 'memory' });
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

export function close({ store }) {
  return store.close();
}
