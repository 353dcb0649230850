// <et-import group-id="..." [type="course"] [mode="partial|atomic"]>: import a CSV, NDJSON or
// JSON file. Pick or drop a file; see its first rows and the column mapping (editable); the quota
// pre-flight says before anything is written whether the rows fit the plan, with the upgrade
// suggestion; then a progress bar with Cancel; then the result with per-row errors as CSV.
// Events: et-import-preview, et-import-progress, et-import-done (detail: result), et-import-error.
import { EtElement, el } from './base.js';
import { defaultMapping, mappingEditor } from './import-mapping.js';
import { countRecords, previewFile } from './import-preview.js';
import { importReport } from './import-report.js';

export class EtImport extends EtElement {
  #file = null;
  #preview = null;
  #mapping = null;
  #check = null;
  #controller = null;
  #result = null;
  #message = null;

  static get observedAttributes() {
    return ['group-id', 'type', 'mode'];
  }

  wants() {
    return false; // it shows what the user is doing, not the store's state
  }

  async load() {
    return null;
  }

  render() {
    const input = el('input', { type: 'file', id: 'et-file', accept: '.csv,.ndjson,.jsonl,.json', part: 'file-input', hidden: true });
    input.addEventListener('change', () => input.files[0] && this.pick(input.files[0]));
    const zone = el('div', { part: 'dropzone', role: 'button', tabindex: 0, 'aria-describedby': 'et-drop-help' },
      el('strong', {}, this.#file ? this.#file.name : 'Choose a file'), el('br'),
      el('small', { id: 'et-drop-help' }, 'or drop a CSV, NDJSON or JSON file here'));
    zone.addEventListener('click', () => input.click());
    zone.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), input.click()));
    zone.addEventListener('dragover', (e) => (e.preventDefault(), zone.classList.add('over')));
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      zone.classList.remove('over');
      if (e.dataTransfer.files[0]) this.pick(e.dataTransfer.files[0]);
    });
    this.body.replaceChildren(el('h3', { part: 'label' }, this.getAttribute('label') ?? 'Import'), input, zone,
      this.#previewBlock(), this.#checkBlock(), this.#progressBlock(), this.#result ? importReport(this.#result, this.#file.name) : null,
      el('p', { role: 'status', 'aria-live': 'polite', part: 'message', class: this.#message?.error ? 'error' : 'muted' }, this.#message?.text ?? ''));
  }

  /** Takes `file` (a File or Blob with a name) as if picked: preview, mapping, pre-flight. */
  async pick(file) {
    this.#file = file;
    this.#result = null;
    this.#check = null;
    this.#message = { text: `Reading ${file.name}…` };
    this.render();
    try {
      this.#preview = await previewFile(file);
      this.#mapping = defaultMapping(this.#preview.columns);
      const rows = await countRecords(file);
      this.#check = await this.#preflight(rows);
      this.#message = { text: rows == null ? 'Ready to import.' : `${rows.toLocaleString('en-US')} rows ready to import.` };
      this.emit('import-preview', { preview: this.#preview, rows, check: this.#check });
    } catch (error) {
      this.#message = { text: `${error.code ?? 'ERROR'}: ${error.message}`, error: true };
    }
    this.render();
  }

  /** Runs the import of the picked file with the current mapping. */
  async start() {
    if (!this.#file || this.#controller) return;
    this.#controller = new AbortController();
    this.#result = null;
    this.#message = { text: 'Importing…' };
    this.render();
    try {
      this.#result = await this.store.importFile(this.#importArgs(this.#controller.signal));
      this.#message = { text: 'Import finished.' };
      this.emit('import-done', { result: this.#result });
    } catch (error) {
      const kept = error.details?.result;
      if (kept) this.#result = kept;
      this.#message = { text: error.code === 'ABORTED' ? 'Import cancelled.' : `${error.code ?? 'ERROR'}: ${error.message}`, error: error.code !== 'ABORTED' };
      this.emit('import-error', { error });
    } finally {
      this.#controller = null;
      this.render();
    }
  }

  /** Cancels a running import (atomic: nothing kept; partial: up to a chunk boundary). */
  cancel() {
    this.#controller?.abort();
  }

  #importArgs(signal) {
    const type = this.getAttribute('type');
    const mapping = { ...this.#mapping };
    if (!type && this.#preview.columns.includes('type')) mapping.type = 'type';
    return {
      groupId: this.groupId,
      file: this.#file,
      mode: this.getAttribute('mode') ?? 'partial',
      ...(type ? { type } : {}),
      mapping,
      signal,
      onProgress: (p) => this.#progress(p),
    };
  }

  async #preflight(rows) {
    if (rows == null || !this.store) return null;
    return this.store.checkCanCreateEntities({ groupId: this.groupId, count: rows });
  }

  #progress(p) {
    const bar = this.shadowRoot.querySelector('progress');
    if (bar && p.bytesTotal) {
      bar.max = p.bytesTotal;
      bar.value = p.bytesDone;
      bar.setAttribute('aria-valuetext', `${Math.round((100 * p.bytesDone) / p.bytesTotal)}%, ${p.created} rows imported`);
    }
    const status = this.shadowRoot.querySelector('[part~=message]');
    if (status) status.textContent = `Importing… ${p.created.toLocaleString('en-US')} rows, ${p.failed} failed`;
    this.emit('import-progress', p);
  }

  #previewBlock() {
    if (!this.#preview || this.#controller) return null;
    const { columns, rows } = this.#preview;
    const table = el('table', { part: 'preview' },
      el('caption', { class: 'muted' }, `First ${rows.length} rows (${this.#preview.format})`),
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c)))),
      el('tbody', {}, rows.map((r) => el('tr', {}, r.map((v) => el('td', {}, v))))));
    const editor = mappingEditor(columns, this.#mapping, (mapping) => {
      this.#mapping = mapping;
      this.render();
    });
    return el('div', {}, table, editor);
  }

  #checkBlock() {
    if (!this.#file || this.#controller || this.#result) return null;
    const blocked = this.#check && this.#check.canCreate === false;
    const mode = this.getAttribute('mode') ?? 'partial';
    const start = el('button', { type: 'button', class: 'primary', part: 'start-button', disabled: blocked || !this.#preview, onclick: () => this.start() }, 'Import');
    const note = blocked
      ? el('div', { part: 'preflight', role: 'alert', class: 'error' }, el('p', {}, this.#check.reason), this.#check.suggestion ? el('p', { part: 'suggestion' }, this.#check.suggestion) : null)
      : null;
    return el('div', {}, note, el('p', { class: 'muted' }, mode === 'atomic' ? 'All rows or none are imported.' : 'Valid rows are imported; invalid ones are listed.'), start);
  }

  #progressBlock() {
    if (!this.#controller) return null;
    return el('div', { part: 'progress' },
      el('progress', { max: 1, value: 0, 'aria-label': 'Import progress' }), ' ',
      el('button', { type: 'button', part: 'cancel-button', onclick: () => this.cancel() }, 'Cancel'));
  }
}
