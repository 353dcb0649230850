// The result part of <et-import>: the summary, the first rows that failed (line, field, rule,
// message) and a CSV of all of them to download.
import { el } from './base.js';

const SHOWN_ERRORS = 50;

/** The result block for an import result ({ created, failed, errors, summary }). */
export function importReport(result, fileName) {
  const { total, success, failed } = result.summary;
  const rows = result.errors.slice(0, SHOWN_ERRORS).map((e) =>
    el('tr', {}, el('td', {}, e.line ?? e.index + 1), el('td', {}, e.field), el('td', {}, e.message)));
  const download = failed
    ? el('a', { part: 'download', download: `${baseName(fileName)}-errors.csv`, href: URL.createObjectURL(errorsCsv(result.errors)) }, 'Download all errors (CSV)')
    : null;
  return el('div', { part: 'result' },
    el('p', { role: 'status' }, `Imported ${success.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows from ${fileName}` +
      (failed ? `; ${failed.toLocaleString('en-US')} failed` : '')),
    failed ? el('table', { part: 'errors' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Line'), el('th', {}, 'Field'), el('th', {}, 'Problem'))), el('tbody', {}, rows)) : null,
    failed > SHOWN_ERRORS ? el('p', { class: 'muted' }, `Showing the first ${SHOWN_ERRORS}.`) : null,
    download);
}

/** Every row error as a CSV file (line, index, field, code, message). */
export function errorsCsv(errors) {
  const quote = (v) => `"${String(v ?? '').replaceAll('"', '""')}"`;
  const lines = ['line,index,field,code,message', ...errors.map((e) => [e.line, e.index, e.field, e.code, e.message].map(quote).join(','))];
  return new Blob([lines.join('\n') + '\n'], { type: 'text/csv' });
}

function baseName(name) {
  return String(name ?? 'import').replace(/\.[^.]+$/, '');
}
