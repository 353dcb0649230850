// Report tables of the CSV workloads: the import's median time and peak memory per stack with
// edgetally/peer ratios and the goals (edgetally under 300 ms, at least 4x faster than
// each wasm peer, faster than the native peer, a peak RSS no higher than better-sqlite3's), and
// the 1M-row import streamed from disk with its memory check.
import { count, printTable } from './report.mjs';
import { ratio, round } from './stats.mjs';

const GOAL_MS = 300;
const GOAL_ROWS = 100_000; // the time goal's file; --quick imports fewer rows
const WASM_SPEEDUP = 4;
const NATIVE = 'better-sqlite3';
// "well under": the streamed import's peak RSS at most half of the file and database together
const STREAM_RSS_SHARE = 0.5;

const mb = (kb) => (kb / 1024).toFixed(1);
const verdict = (met) => (met ? 'met' : 'missed');

/** The goal cell of one stack's row, judged on edgetally's ms and peak against the stack's. */
function goalOf(name, edgetally, stack, rows) {
  if (name === 'edgetally') {
    if (rows !== GOAL_ROWS) return `< ${GOAL_MS} ms: n/a (a goal for ${count(GOAL_ROWS)} rows)`;
    return `< ${GOAL_MS} ms: ${verdict(stack.ms < GOAL_MS)}`;
  }
  const speedup = stack.ms / edgetally.ms;
  const times = `(${speedup.toFixed(2)}x)`;
  if (name !== NATIVE) {
    return `et >= ${WASM_SPEEDUP}x faster: ${verdict(speedup >= WASM_SPEEDUP)} ${times}`;
  }
  const memory = `et peak <= this: ${verdict(edgetally.peakKB <= stack.peakKB)}`;
  return `et faster: ${verdict(speedup > 1)} ${times}; ${memory}`;
}

/** One row per stack: median ms, ratio, peak RSS and RSS before any data (fresh process), goal. */
export function printCsvImport(timing, memory) {
  const stacks = Object.keys(timing.medianMs);
  const measured = (name) => ({ ms: timing.medianMs[name], peakKB: memory.stacks[name].peakKB });
  const edgetally = measured('edgetally');
  const rows = stacks.map((name) => {
    const { ms, peakKB } = measured(name);
    const { baselineKB } = memory.stacks[name];
    return [name, round(ms).toFixed(1), ratio(edgetally.ms, ms).toFixed(2), mb(peakKB),
      mb(baselineKB), goalOf(name, edgetally, { ms, peakKB }, timing.rows)];
  });
  printTable(
    `CSV import of ${count(timing.rows)} rows, 2% invalid, partial mode (median ms of ` +
      `${timing.runs} runs, lower is better; RSS: one import in a fresh node process)`,
    ['stack', 'ms', 'et/stack', 'peak RSS MB', 'RSS before data MB', 'goal'],
    rows,
  );
}

/** The 1M-row import streamed from disk into a store on disk, or the reason it was skipped. */
export function printCsvStream(stream) {
  const title = `CSV import of ${count(stream.rows)} rows streamed from disk into an edgetally ` +
    'store on disk (one run, fresh node process)';
  if (stream.skipped) {
    console.log(`${title}: skipped (${stream.skipped})\n`);
    return;
  }
  const onDisk = stream.fileBytes + stream.dbBytes;
  const share = (stream.peakKB * 1024) / onDisk;
  const rows = [
    ['time', `${round(stream.ms / 1000, 2)} s`],
    ['rows imported / failed', `${count(stream.success)} / ${count(stream.failed)}`],
    ['ids in the result (created)', count(stream.createdIds)],
    ['row errors in the result (errors)', count(stream.errorsListed)],
    ['peak RSS (baseline)', `${mb(stream.peakKB)} MB (${mb(stream.baselineKB)} MB)`],
    ['CSV file', `${mb(stream.fileBytes / 1024)} MB`],
    ['database file', `${mb(stream.dbBytes / 1024)} MB`],
    [`peak RSS <= ${STREAM_RSS_SHARE * 100}% of file + database`,
      `${verdict(share <= STREAM_RSS_SHARE)} (${(share * 100).toFixed(0)}%)`],
  ];
  printTable(title, ['measure', 'value'], rows);
}
