// The worker_threads Worker that runs the engine in Node with open({worker: true}), so a
// server importing a large file keeps its event loop free: takes the compiled module the
// opening thread posts first (ModuleMessage), then answers the worker protocol (dispatcher.js)
// with the same host as the in-thread default (node-host.js).
import { parentPort } from 'node:worker_threads';
import { nodeCodec } from './archive/codec.node.js';
import { createDispatcher } from './dispatcher.js';
import { compileNodeWasm, getNodeHost } from './node-host.js';

const dispatch = createDispatcher(getNodeHost, { codec: nodeCodec });
parentPort.on('message', async (data) => {
  if (data.op === 'module' && data.id === undefined) {
    compileNodeWasm(data.module);
    return;
  }
  const reply = await dispatch(data);
  parentPort.postMessage(reply, reply.bytes ? [reply.bytes.buffer] : []); // archive bytes move, not copied
});
parentPort.postMessage({ ready: true }); // every import loaded (see worker-transport.js)
