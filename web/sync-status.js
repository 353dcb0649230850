// <et-sync-status>: online or offline, what is pending (records, bytes, oldest), the last sync,
// the last error by kind, the next retry, dead letters (with retry and discard), and a "Sync now"
// button. Re-renders on store.onSyncStatus and the browser's online/offline events. Needs a store
// opened with a `sync` option; without one it says that data stays on this device.
import { EtElement, el } from './base.js';
import { formatAgo, formatBytes, formatTime } from './format.js';

export class EtSyncStatus extends EtElement {
  #onLine = () => this.refresh();

  ready() {
    return true;
  }

  wants() {
    return true;
  }

  connectedCallback() {
    super.connectedCallback();
    globalThis.addEventListener?.('online', this.#onLine);
    globalThis.addEventListener?.('offline', this.#onLine);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    globalThis.removeEventListener?.('online', this.#onLine);
    globalThis.removeEventListener?.('offline', this.#onLine);
  }

  async load(store) {
    if (typeof store.getSyncStatus !== 'function') return { configured: false };
    const status = await store.getSyncStatus();
    const deadLetters = status.deadLetterCount ? await store.listDeadLetters({ limit: 20 }) : [];
    return { configured: status.state !== 'disabled', ...status, deadLetters };
  }

  render(s) {
    const online = globalThis.navigator?.onLine !== false;
    if (!s.configured) {
      this.body.replaceChildren(el('h3', { part: 'label' }, 'Sync'), el('p', { role: 'status', class: 'muted' }, 'Sync is not configured: data stays on this device.'));
      return;
    }
    const now = Date.now();
    const pending = s.pendingCount
      ? `${s.pendingCount.toLocaleString('en-US')} pending (${formatBytes(s.pendingBytes)}), oldest ${formatAgo(s.oldestPendingAt, now)}`
      : 'Everything is synced';
    const syncNow = el('button', { type: 'button', class: 'primary', part: 'sync-button', disabled: !online, onclick: () => this.#syncNow() }, 'Sync now');
    this.body.replaceChildren(
      el('h3', { part: 'label' }, 'Sync'),
      el('p', { role: 'status', 'aria-live': 'polite', part: 'state', class: online ? 'status-ok' : 'status-warning' }, online ? 'Online' : 'Offline: changes are kept and sent on reconnect'),
      el('p', { part: 'pending', 'data-pending': s.pendingCount ?? 0 }, pending),
      el('p', { class: 'muted' }, `Last sync ${formatAgo(s.lastSuccessAt, now)}`),
      s.lastError ? el('p', { class: 'error', part: 'last-error' }, `Last error (${s.lastError.kind}): ${s.lastError.message}`) : null,
      s.nextRetryAt ? el('p', { class: 'muted' }, `Next retry ${formatTime(s.nextRetryAt)}`) : null,
      s.deadLetterCount ? this.#deadLetters(s) : null,
      syncNow,
    );
  }

  #deadLetters(s) {
    const items = s.deadLetters.map((d) =>
      el('li', {}, `${d.metric} ${d.amount}: ${d.reason} `,
        el('button', { type: 'button', onclick: () => this.#act('retryDeadLetter', d) }, 'Retry'), ' ',
        el('button', { type: 'button', onclick: () => this.#act('discardDeadLetter', d) }, 'Discard')));
    return el('div', { part: 'dead-letters' }, el('p', { class: 'error' }, `${s.deadLetterCount} item(s) refused by the server`), el('ul', {}, items));
  }

  async #syncNow() {
    try {
      const result = await this.store.sync();
      this.emit('synced', result);
    } catch (error) {
      this.emit('sync-error', error);
    }
    this.refresh();
  }

  async #act(method, letter) {
    await this.store[method]({ groupId: letter.groupId, recordIds: [letter.recordId] });
    this.refresh();
  }
}
