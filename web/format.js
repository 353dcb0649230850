// Formatting shared by the elements: human labels for quota metrics, amounts in their unit
// (storage_gb is counted in bytes), dates and relative times. One place, so every element
// names a metric the same way.
const METRIC_LABELS = {
  users: 'Users',
  storage_gb: 'Storage',
  api_calls_per_month: 'API calls this month',
  entities_total: 'Entities',
  connections_total: 'Connections',
  events_retention_days: 'Event retention (days)',
};

/** The label a person reads for a quota metric ("API calls this month"). */
export function metricLabel(metric) {
  return METRIC_LABELS[metric] ?? String(metric).replaceAll('_', ' ');
}

/** An amount of `metric` in its unit: bytes as KB/MB/GB, everything else as a count. */
export function formatAmount(metric, n) {
  if (n == null) return 'unlimited';
  if (metric !== 'storage_gb') return Number(n).toLocaleString('en-US');
  if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GB`;
  if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MB`;
  return `${(n / 2 ** 10).toFixed(1)} KB`;
}

/** A UTC day and time ("2026-12-01 09:30 UTC"), or '' for null. */
export function formatTime(ms) {
  if (ms == null) return '';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "just now", "5 min ago", "3 h ago", or a date. */
export function formatAgo(ms, now = Date.now()) {
  if (ms == null) return 'never';
  const s = Math.round((now - ms) / 1000);
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return formatTime(ms);
}

/** Bytes as a person reads them (12.3 MB). */
export function formatBytes(n) {
  if (n == null) return 'unknown';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}
