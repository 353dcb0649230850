// open() for a store shared by the tabs of an origin. The first tab to ask owns the store
// (Web Lock) and starts its worker; later tabs become followers whose calls go to the owner.
// A follower queues for the lock; when it is granted (the owner closed or crashed) it opens
// the store itself, from the same persistent files, and serves the others.
import { ErrorCode, fromWire } from '../errors.js';
import { requestOwnership } from './ownership.js';
import { TabTransport } from './tab-transport.js';

const TAKEOVER_RETRY_MS = 50;
const TAKEOVER_ATTEMPTS = 60; // the old owner's file handles close a moment after its lock

/**
 * @param {{name: string}} options normalized open() options
 * @param {() => Promise<{transport: object, info: object}>} startEngine opens the store in a
 *   new worker of this tab (rejects with a typed error)
 * @param {object} [locks] the Web Locks API (default navigator.locks; unit tests pass a fake)
 * @returns {Promise<{transport: TabTransport, info: object}>}
 */
export async function openShared(options, startEngine, locks = globalThis.navigator?.locks) {
  const ownership = await requestOwnership(options.name, locks);
  const tabs = new TabTransport(options.name);
  const dispose = tabs.dispose.bind(tabs);
  tabs.dispose = () => {
    dispose();
    ownership.release();
  };
  if (ownership.owned) {
    const { transport, info } = await startEngine().catch((error) => {
      tabs.dispose();
      throw error;
    });
    tabs.becomeOwner(transport, info);
    return { transport: tabs, info };
  }
  // A takeover that fails (the files stay locked, storage broke) must not leave this tab's calls
  // waiting on an owner that is gone: they, and every later one, reject with its typed error.
  // The lock is given back so that another tab may try.
  ownership.granted.then(() => takeOver(tabs, startEngine)).catch((error) => {
    tabs.fail(error);
    ownership.release();
  });
  await tabs.findOwner();
  return { transport: tabs, info: await ownerInfo(tabs) };
}

// What the owner's open() answered. This tab may have taken over while it waited for an owner
// (the old one closed just then): then its own answer; an owner that went away is asked again.
async function ownerInfo(tabs) {
  for (;;) {
    if (tabs.isOwner) return tabs.ownInfo;
    try {
      const reply = await tabs.request({ op: 'openInfo' });
      if (reply.ok) return reply.result;
      throw fromWire(reply.error);
    } catch (error) {
      if (error.code !== ErrorCode.OWNER_CHANGED) throw error;
    }
  }
}

// Opens the store in this tab once the lock is ours, retrying while the old owner's worker
// still holds its file handles.
async function takeOver(tabs, startEngine) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { transport, info } = await startEngine();
      tabs.becomeOwner(transport, info);
      return;
    } catch (error) {
      if (error.code !== ErrorCode.STORE_LOCKED || attempt >= TAKEOVER_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, TAKEOVER_RETRY_MS));
    }
  }
}
