// The worker protocol's caller side in browsers: numbered requests posted to a dedicated
// Worker, replies matched by id. If the worker dies, every pending request rejects. The worker
// posts {ready: true} once its module graph has loaded: an error before that means its script
// (or an import of it) could not be loaded, reported as such with the URL and the fix.
import { ErrorCode, makeError } from './errors.js';
import { workerLoadError } from './load-errors.js';

/**
 * @param {Worker} worker
 * @param {string} url where the worker script was loaded from (for error messages)
 */
export function createWorkerTransport(worker, url) {
  const pending = new Map();
  let nextId = 1;
  let failure = null;
  let started = false;

  const failAll = (error) => {
    failure = error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.onmessage = ({ data }) => {
    if (data?.ready === true) started = true;
    const entry = pending.get(data.id);
    if (!entry) return;
    pending.delete(data.id);
    entry.resolve(data);
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    if (!started) return failAll(workerLoadError(url, event.message || undefined));
    failAll(makeError(ErrorCode.INTERNAL, `edgetally worker failed: ${event.message ?? 'unknown error'}`));
  };

  return {
    request(message) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, ...message });
      });
    },
    dispose() {
      worker.terminate();
      failAll(makeError(ErrorCode.STORE_CLOSED, 'the store was closed'));
    },
  };
}
