// The typed errors for a worker script or wasm module that cannot be loaded (moved or not
// emitted by a bundler, a server answering 404 or HTML, a wrong MIME type): IO_ERROR naming
// the URL tried and the open() option that points edgetally at the right one.
import { ErrorCode, makeError } from './errors.js';

/**
 * @param {string} url the worker script's URL that failed
 * @param {string} [reason]
 */
export function workerLoadError(url, reason = 'the script did not load or start') {
  return makeError(
    ErrorCode.IO_ERROR,
    `cannot start the edgetally worker from ${url}: ${reason}. If a bundler or server moved ` +
      `worker.browser.js, pass open({ workerUrl }) with the URL it is served at`,
    { url, option: 'workerUrl', asset: 'worker' },
  );
}

/**
 * @param {string} url the wasm module's URL that failed
 * @param {string} reason
 */
export function wasmLoadError(url, reason) {
  return makeError(
    ErrorCode.IO_ERROR,
    `cannot load the edgetally wasm module from ${url}: ${reason}. If a bundler or server moved ` +
      `edgetally.wasm, pass open({ wasmUrl }) with the URL it is served at`,
    { url, option: 'wasmUrl', asset: 'wasm' },
  );
}
