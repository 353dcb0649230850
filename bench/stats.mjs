// Small statistics helpers for the benchmark: the median of the repetitions is what the tables
// report (robust against one slow run caused by GC or the machine), plus rounding for display.

/** Median of a non-empty list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Rounds to the given number of decimals (default 1). */
export function round(value, decimals = 1) {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** edgetally time / peer time, 2 decimals: below 1 means edgetally is faster. */
export function ratio(edgetallyMs, peerMs) {
  return round(edgetallyMs / peerMs, 2);
}
