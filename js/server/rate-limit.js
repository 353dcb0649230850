// RateLimiter: a token bucket per bearer token, refilled at `perSecond` up to `burst`. Counts are
// in this process's memory (each process behind a load balancer counts its own).
export class RateLimiter {
  /** @param {{perSecond: number, burst: number, now?: () => number}} options */
  constructor({ perSecond, burst, now = Date.now }) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.now = now;
    this.buckets = new Map();
  }

  /** Takes one request for `key`; returns 0 when allowed, else the seconds to wait (>= 1). */
  take(key) {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= 100000) this.#prune(now);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }

  // Drops the buckets that are full again (their tokens have refilled: nothing to remember).
  #prune(now) {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(key);
    }
  }
}
