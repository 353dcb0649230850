// Plain-text table printing for the benchmark report: left-aligned columns separated by at
// least two spaces, one header row; and the common table of median times per input size with
// edgetally/peer ratios.
import { ratio, round } from './stats.mjs';

/** Formats rows (arrays of cells) under headers as aligned text lines. */
export function table(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  return cells
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd())
    .join('\n');
}

/** Prints a titled table followed by a blank line. */
export function printTable(title, headers, rows) {
  console.log(`${title}\n${table(headers, rows)}\n`);
}

/** 100000 -> "100,000". */
export function count(n) {
  return n.toLocaleString('en-US');
}

/**
 * Prints [{n, medianMs: {stack -> ms}}] as one row per N: each stack's median ms, then
 * edgetally's time over each peer's (`stacks`: names, edgetally first).
 */
export function printBySize(title, results, [edgetally, ...others]) {
  const headers = ['N', edgetally, ...others, ...others.map((name) => `et/${name}`)];
  const rows = results.map(({ n, medianMs }) => [
    count(n),
    ...[edgetally, ...others].map((name) => round(medianMs[name]).toFixed(1)),
    ...others.map((name) => ratio(medianMs[edgetally], medianMs[name]).toFixed(2)),
  ]);
  printTable(title, headers, rows);
}
