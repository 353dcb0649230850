// edgetally/web: framework-free custom elements for an edgetally store. Importing this module
// defines them (once); give each element its store: `element.store = await open(...)`.
//   <et-import>  <et-quota-meter>  <et-metric-card>  <et-activity>  <et-sync-status>  <et-storage-status>
import { EtActivity } from './activity.js';
import { EtImport } from './import.js';
import { EtMetricCard } from './metric-card.js';
import { EtQuotaMeter } from './quota-meter.js';
import { EtStorageStatus } from './storage-status.js';
import { EtSyncStatus } from './sync-status.js';

export const ELEMENTS = Object.freeze({
  'et-import': EtImport,
  'et-quota-meter': EtQuotaMeter,
  'et-metric-card': EtMetricCard,
  'et-activity': EtActivity,
  'et-sync-status': EtSyncStatus,
  'et-storage-status': EtStorageStatus,
});

/** Defines every element not yet defined (safe to call more than once). */
export function defineElements(registry = globalThis.customElements) {
  for (const [name, cls] of Object.entries(ELEMENTS)) {
    if (registry && !registry.get(name)) registry.define(name, cls);
  }
}

/** Gives every edgetally element under `root` (default: the document) this store. */
export function connectElements(store, root = globalThis.document) {
  for (const name of Object.keys(ELEMENTS)) {
    for (const element of root.querySelectorAll(name)) element.store = store;
  }
}

defineElements();

export { EtActivity, EtImport, EtMetricCard, EtQuotaMeter, EtStorageStatus, EtSyncStatus };
