// The bench's report: plain-text tables (left-aligned columns, two spaces apart) for each
// workload (cold, warm, ratios, peak RSS, answer check and the issue's goals), open() to first
// answer, the download per file and the 1M-row streamed import.
import { ratio, round } from './stats.mjs';

const NATIVE = 'better-sqlite3';
const COLD_WITHIN = 1.5;

function table(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  return cells.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

function printTable(title, headers, rows, notes = []) {
  console.log(`${title}\n${table(headers, rows)}${notes.map((note) => `\n${note}`).join('')}\n`);
}

const mb = (kb) => (kb / 1024).toFixed(1);
const verdict = (met) => (met ? 'met' : 'MISSED');

/** ms per run, or µs per operation (workload.unit 'µs'), as display text. */
function timeText(workload, ms) {
  return workload.unit === 'µs' ? (ms * 1000).toFixed(2) : ms.toFixed(1);
}

function answerText(workload, label, digest, reference) {
  if (label === 'edgetally') return 'reference';
  if (JSON.stringify(digest) === JSON.stringify(reference)) return 'same as edgetally';
  const why = workload.differs?.(label);
  return why ? `differs: ${why}` : `DIFFERS: ${JSON.stringify(digest)}`;
}

function goals(workload, { n, stacks }) {
  const et = stacks.edgetally;
  const native = stacks[NATIVE];
  const lines = [];
  if (workload.goal && workload.goal.n === n) {
    const goal = timeText(workload, workload.goal.warmMs);
    lines.push(`warm < ${goal} ${workload.unit}: ${verdict(et.warmMs < workload.goal.warmMs)}`);
  }
  if (native) {
    lines.push(`warm faster than ${NATIVE}: ${verdict(et.warmMs < native.warmMs)} (${ratio(et.warmMs, native.warmMs).toFixed(2)}x)`);
    lines.push(`peak RSS <= ${NATIVE}'s: ${verdict(et.peakKB <= native.peakKB)}`);
  }
  lines.push(`cold within ${COLD_WITHIN}x of warm: ${verdict(et.coldMs <= COLD_WITHIN * et.warmMs)} (${(et.coldMs / et.warmMs).toFixed(2)}x)`);
  return `goals (edgetally): ${lines.join('; ')}`;
}

/** One workload's table at one size. */
export function printWorkload(workload, result) {
  const { stacks, runs } = result;
  const et = stacks.edgetally;
  const u = workload.unit;
  const rows = Object.entries(stacks).map(([label, s]) => [
    label, timeText(workload, s.coldMs), timeText(workload, s.warmMs), (s.coldMs / s.warmMs).toFixed(2),
    ratio(et.coldMs, s.coldMs).toFixed(2), ratio(et.warmMs, s.warmMs).toFixed(2), mb(s.peakKB),
    answerText(workload, label, s.digest, et.digest),
  ]);
  printTable(
    `${workload.title(result.n)} (warm: median of ${runs} runs)`,
    ['stack', `cold ${u}`, `warm ${u}`, 'cold/warm', 'et/stack cold', 'et/stack warm', 'peak RSS MB', 'answer (counts, ids)'],
    rows,
    [`same work: ${workload.sameWork}`, goals(workload, result)],
  );
}

export function printColdStart(results, runs) {
  const et = results[0].medianMs;
  const rows = results.map(({ name, sqliteVersion, medianMs }) => [
    name, round(medianMs).toFixed(1), ratio(et, medianMs).toFixed(2), sqliteVersion,
  ]);
  printTable(
    `open() to first answer (fresh node process: import, compile, open, one query; median ms of ${runs})`,
    ['stack', 'ms', 'et/stack', 'SQLite'],
    rows,
    [`goal (edgetally): under 50 ms: ${verdict(et < 50)}`],
  );
}

export function printSizes(results) {
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  const rows = results.flatMap(({ name, files, rawBytes, gzipBytes, brotliBytes }) => [
    ...files.map((file) => [name, file.file, kb(file.rawBytes), kb(file.gzipBytes), kb(file.brotliBytes)]),
    [name, 'total', kb(rawBytes), kb(gzipBytes), kb(brotliBytes)],
  ]);
  const et = results[0].gzipBytes;
  printTable(
    'download for a browser (KB; gzip -9 per file, brotli -q 11 beside it; better-sqlite3 is native: none)',
    ['stack', 'file', 'raw KB', 'gzip KB', 'brotli KB'],
    rows,
    [`goal (edgetally): wasm + JS under 400 KB gzipped: ${verdict(et < 400 * 1024)} (${kb(et)} KB)`],
  );
}

export function printCsvStream(stream) {
  const title = `CSV import of ${stream.rows.toLocaleString('en-US')} rows streamed from disk into an edgetally store on disk (one run, fresh process)`;
  if (stream.skipped) {
    console.log(`${title}: skipped (${stream.skipped})\n`);
    return;
  }
  const share = (stream.peakKB * 1024) / (stream.fileBytes + stream.dbBytes);
  printTable(title, ['measure', 'value'], [
    ['time', `${round(stream.ms / 1000, 2)} s`],
    ['rows imported / failed', `${stream.success} / ${stream.failed}`],
    ['ids in the result', stream.createdIds],
    ['peak RSS (after open)', `${mb(stream.peakKB)} MB (${mb(stream.baselineKB)} MB)`],
    ['CSV file / database file', `${mb(stream.fileBytes / 1024)} MB / ${mb(stream.dbBytes / 1024)} MB`],
    ['peak RSS <= 50% of file + database', `${verdict(share <= 0.5)} (${(share * 100).toFixed(0)}%)`],
  ]);
}
