// The app both bundler tests build (copied into a fresh Vite or webpack app as its entry): it
// imports edgetally by package name, as a user's app does, and gives the test a few calls.
import { ErrorCode, open } from 'edgetally';

window.app = {
  // Opens store `name` (default storage), adds `count` things, returns what it sees.
  async write(name, count) {
    const store = await open({ name });
    await store.createGroup({ id: 'g', name: 'G', plan: 'pro' });
    const things = Array.from({ length: count }, (_, i) => ({ type: 'doc', name: `d${i}` }));
    const { summary } = await store.batchInsertThings({ groupId: 'g', things });
    const count2 = await store.countThings({ groupId: 'g' });
    await store.close();
    return { storage: store.storage, created: summary.success, readBack: count2 };
  },
  // The count in store `name`, or -1 when it has no group 'g' (a new store).
  async count(name) {
    const store = await open({ name });
    try {
      return { storage: store.storage, count: await store.countThings({ groupId: 'g' }) };
    } catch (error) {
      if (error.code === ErrorCode.NOT_FOUND) return { storage: store.storage, count: -1 };
      throw error;
    } finally {
      await store.close();
    }
  },
  // The typed error a bad name gets, as the bundle sees it (class names survive minifying).
  async badName() {
    const error = await open({ name: '../x' }).catch((e) => e);
    return { name: error.name, code: error.code };
  },
  // A wasm URL that is not there: the error names it and the option that fixes it.
  async missingWasm() {
    const error = await open({ name: 'w', storage: 'memory', wasmUrl: '/nowhere/edgetally.wasm' }).catch((e) => e);
    return { name: error.name, code: error.code, details: error.details, message: error.message };
  },
};
window.ready = true;
