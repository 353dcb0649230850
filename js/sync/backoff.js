// Backoff: when to try again after a failed round. Capped exponential backoff with full
// jitter (attempt n waits uniformly in [0, min(max, base * 2^n))), never sooner than a
// Retry-After the server asked for.
const MAX_RETRY_AFTER_MS = 3600000;

/**
 * @param {number} attempt failures in a row before this one (0 for the first)
 * @param {{baseMs: number, maxMs: number}} backoff
 * @param {number | null} retryAfterMs what the server asked for, if anything
 * @param {() => number} random in [0, 1)
 */
export function retryDelay(attempt, backoff, retryAfterMs, random = Math.random) {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(attempt, 40));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}

/**
 * A Retry-After header (seconds, or an HTTP date) in ms from `now`; null when absent or unreadable.
 * @param {string | null} value
 */
export function parseRetryAfter(value, now = Date.now()) {
  if (value === null || value === undefined || value === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
