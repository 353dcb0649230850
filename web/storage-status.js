// <et-storage-status>: where the store keeps its data (OPFS, IndexedDB, files, memory), whether
// that survives a reload (store.persistent), whether the browser granted persistent storage
// (navigator.storage.persisted(), with a button that asks for it) and the storage estimate.
import { EtElement, el } from './base.js';
import { formatBytes } from './format.js';

export class EtStorageStatus extends EtElement {
  ready() {
    return true;
  }

  wants() {
    return false; // storage changes arrive as 'storage' events, handled by refresh below
  }

  async load(store) {
    const storage = globalThis.navigator?.storage;
    const persisted = typeof storage?.persisted === 'function' ? await storage.persisted() : null;
    const estimate = typeof storage?.estimate === 'function' ? await storage.estimate() : null;
    return { kind: store.storage, persistent: store.persistent, persisted, estimate, canAsk: typeof storage?.persist === 'function' };
  }

  render(s) {
    const volatile = s.persistent === false;
    const ask = el('button', { type: 'button', part: 'persist-button', onclick: () => this.#ask() }, 'Keep data on this device');
    this.body.replaceChildren(
      el('h3', { part: 'label' }, 'Storage'),
      el('p', { role: 'status', class: volatile ? 'error' : '' },
        volatile ? `In memory only (${s.kind}): data is lost when the page closes.` : `Saved on this device (${s.kind ?? 'unknown'}).`),
      el('p', { class: 'muted' },
        s.persisted == null ? 'The browser does not report persistent storage.'
          : s.persisted ? 'The browser will not evict it under storage pressure.'
            : 'The browser may evict it under storage pressure.'),
      s.estimate ? el('p', { class: 'muted' }, `${formatBytes(s.estimate.usage)} used of ${formatBytes(s.estimate.quota)} available`) : null,
      s.persisted === false && s.canAsk ? ask : null,
    );
  }

  async #ask() {
    const granted = await navigator.storage.persist();
    this.emit('persist', { granted });
    this.refresh();
  }
}
