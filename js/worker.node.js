// The worker_threads Worker that runs the engine in Node with open({worker: true}), so a
// server importing a large file keeps its event loop free: takes the compiled module the
// opening thread posts first (ModuleMessage), then answers the worker protocol (dispatcher.js)
// with the same host as the in-thread default (node-host.js).
import { parentPort } from 'node:worker_threads';
import { createDispatcher } from './dispatcher.js';
import { compileNodeWasm, getNodeHost } from './node-host.js';

const dispatch = createDispatcher(getNodeHost);
parentPort.on('message', async (data) => {
  if (data.op === 'module' && data.id === undefined) {
    compileNodeWasm(data.module);
    return;
  }
  parentPort.postMessage(await dispatch(data));
});
parentPort.postMessage({ ready: true }); // every import loaded (see worker-transport.js)
