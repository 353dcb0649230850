// The package's worker with test switches in its URL, for the storage tests:
// - `hide=opfs` removes OPFS sync access handles (as in WebKit or a Firefox private window);
//   `hide=opfs,indexeddb` leaves nothing persistent. The worker reads these APIs only when a
//   store opens, so hiding them after the import (which runs first) is in time.
// - `faults=1`: after a page says {failSaves: true} on BroadcastChannel 'edgetally-faults'
//   (answered with {failing}), until it says {failSaves: false},
//   every IndexedDB page write is followed by an add() of the same key, which IndexedDB
//   refuses (ConstraintError) and so aborts the whole save: a real IndexedDB failure, on cue.
import '/js/worker.browser.js';

const params = new URL(import.meta.url).searchParams;
const hidden = params.get('hide')?.split(',') ?? [];
if (hidden.includes('opfs')) delete globalThis.FileSystemFileHandle?.prototype.createSyncAccessHandle;
if (hidden.includes('indexeddb')) Object.defineProperty(globalThis, 'indexedDB', { value: undefined });

if (params.get('faults') === '1') {
  let failing = false;
  const channel = new BroadcastChannel('edgetally-faults');
  channel.onmessage = ({ data }) => {
    failing = data.failSaves === true;
    channel.postMessage({ failing }); // the page waits for this before its next call
  };
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (value, key) {
    const request = put.call(this, value, key);
    if (failing && this.name === 'pages') this.add(value, key);
    return request;
  };
}
