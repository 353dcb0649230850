// The worker protocol's caller side in browsers: numbered requests posted to a dedicated
// Worker, replies matched by id. If the worker dies, every pending request rejects.
import { ErrorCode, makeError } from './errors.js';

/** @param {Worker} worker */
export function createWorkerTransport(worker) {
  const pending = new Map();
  let nextId = 1;
  let failure = null;

  const failAll = (error) => {
    failure = error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.onmessage = ({ data }) => {
    const entry = pending.get(data.id);
    if (!entry) return;
    pending.delete(data.id);
    entry.resolve(data);
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
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
