// Failures at the JS edge that are not the core's typed errors: a wasm trap, an Emscripten abort,
// a C++ exception that escaped the core, a JS exception thrown through the wasm by a storage
// backend. Each reaches the caller as an EdgeTallyError INTERNAL whose message names the
// operation and what was thrown, with the stack in details, never the stack alone (WebKit's
// JavaScriptCore puts only frames in `stack`: an open() on WebKitGTK once rejected with a
// message that was a wasm stack and nothing else). The engine host keeps working after one.
import assert from 'node:assert/strict';
import test from 'node:test';
import { createDispatcher } from '../../js/dispatcher.js';
import { EngineHost, instantiate } from '../../js/engine-host.js';
import { EdgeTallyError, ErrorCode, fromWire, toWire } from '../../js/errors.js';
import { compileNodeWasm } from '../../js/node-host.js';
import { NodeFsStorage } from '../../js/storage/node-fs.js';
import { tempDir } from './helpers.mjs';

// A real wasm module whose one function traps: (func (export "trap") unreachable).
const TRAP_WASM = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type: () -> ()
  0x03, 0x02, 0x01, 0x00, // one function of that type
  0x07, 0x08, 0x01, 0x04, 0x74, 0x72, 0x61, 0x70, 0x00, 0x00, // export "trap"
  0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, // body: unreachable, end
]);

function wasmTrap() {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(TRAP_WASM));
  try {
    exports.trap();
  } catch (error) {
    return error;
  }
  throw new Error('the trap did not trap');
}

test('a wasm trap becomes INTERNAL naming the operation, the trap and its message', () => {
  const trap = wasmTrap();
  assert.ok(trap instanceof WebAssembly.RuntimeError);
  const error = fromWire(toWire(trap, 'open'));
  assert.ok(error instanceof EdgeTallyError);
  assert.equal(error.code, ErrorCode.INTERNAL);
  assert.equal(error.message, `open failed: RuntimeError: ${trap.message}`);
  assert.equal(error.details.op, 'open');
  assert.equal(error.details.thrown, 'RuntimeError');
  assert.equal(error.details.stack, trap.stack);
});

test("a trap whose stack holds only frames (JavaScriptCore's shape) still gives its message", () => {
  const trap = wasmTrap();
  const frames = 'wasm-stub@[wasm code]\n<?>.wasm-function[1234]@[wasm code]\nopen@http://127.0.0.1/dist/edgetally.mjs:1:2';
  Object.defineProperty(trap, 'stack', { value: frames });
  const error = fromWire(toWire(trap, 'open'));
  assert.equal(error.message, `open failed: RuntimeError: ${trap.message}`);
  assert.notEqual(error.message, frames);
  assert.equal(error.details.stack, frames);
});

test('an abort, an escaped C++ exception and a thrown non-Error each get a message', () => {
  const abort = new WebAssembly.RuntimeError('Aborted(native code called abort())');
  assert.equal(fromWire(toWire(abort, 'importChunk')).message, 'importChunk failed: RuntimeError: Aborted(native code called abort())');
  const tag = new WebAssembly.Tag({ parameters: ['i32'] });
  const escaped = fromWire(toWire(new WebAssembly.Exception(tag, [42]), 'open'));
  assert.equal(escaped.code, ErrorCode.INTERNAL);
  assert.equal(escaped.message, 'open failed: WebAssembly.Exception: a C++ exception escaped the engine');
  assert.equal(fromWire(toWire(5251072, 'open')).message, 'open failed: number thrown: 5251072');
  assert.equal(fromWire(toWire(new TypeError(''), 'close')).message, 'close failed: TypeError (no message)');
});

test("the core's typed errors cross unchanged", () => {
  const typed = fromWire({ code: ErrorCode.NOT_FOUND, message: "group 'x' not found", details: { field: 'groupId' } });
  assert.deepEqual(toWire(typed, 'countThings'), { code: ErrorCode.NOT_FOUND, message: "group 'x' not found", details: { field: 'groupId' } });
});

// A real store directory whose backend throws (a bug in a storage backend, not the guarded
// I/O failure it reports as lastError) the first time `method` is called.
function throwingBackend(directory, name, method) {
  const backend = NodeFsStorage.acquire(directory, name);
  const real = backend[method].bind(backend);
  let thrown = false;
  backend[method] = (...args) => {
    if (thrown) return real(...args);
    thrown = true;
    throw new TypeError(`backend.${method} broke`);
  };
  return backend;
}

test('an exception thrown through the wasm during open reaches the caller typed, and the host opens the next store', async (t) => {
  const directory = tempDir(t);
  let broken = true;
  const acquire = async ({ name }) => ({
    storage: 'node',
    backend: broken ? throwingBackend(directory, name, 'read') : NodeFsStorage.acquire(directory, name),
  });
  const host = new EngineHost(await instantiate(await compileNodeWasm()), acquire);
  const dispatch = createDispatcher(async () => host);
  const failed = await dispatch({ id: 1, op: 'open', args: { name: 'broken', storage: 'node', path: directory } });
  assert.equal(failed.ok, false);
  const error = fromWire(failed.error);
  assert.ok(error instanceof EdgeTallyError);
  assert.equal(error.code, ErrorCode.INTERNAL);
  assert.equal(error.message, 'open failed: TypeError: backend.read broke');
  assert.match(error.details.stack, /wasm/); // it came up through the engine's frames
  broken = false;
  for (const name of ['broken', 'next']) {
    const opened = await dispatch({ id: 2, op: 'open', args: { name, storage: 'node', path: directory } });
    assert.equal(opened.ok, true, JSON.stringify(opened.error));
    const handle = opened.result.handle;
    const group = await dispatch({ id: 3, op: 'createGroup', handle, args: { id: 'g', name: 'G', plan: 'pro' } });
    assert.equal(group.ok, true, JSON.stringify(group.error));
    assert.equal((await dispatch({ id: 4, op: 'close', handle })).ok, true);
  }
});
