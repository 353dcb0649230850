// Plain-text table printing for the benchmark report: left-aligned columns separated by at
// least two spaces, one header row.

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
