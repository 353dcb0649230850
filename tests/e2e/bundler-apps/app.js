// The app both bundler tests build (copied into a fresh Vite or webpack app as its entry): it
// imports edgetally and its components (edgetally/web) by package name, as a user's app does,
// and gives the test a few calls.
import { ErrorCode, open } from 'edgetally';
import { connectElements } from 'edgetally/web';

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

// Text of the first `selector` under `element`'s shadow root once it says something other
// than the placeholder; rejects after 20 s so a component that never renders fails the test.
function rendered(element, selector) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const check = () => {
      const node = element.shadowRoot?.querySelector(selector);
      if (node && node.textContent.trim() && node.textContent.trim() !== '–') return resolve(node);
      if (Date.now() - started > 20000) return reject(new Error(`<${element.localName}> never rendered ${selector}: ${element.shadowRoot ? element.shadowRoot.innerHTML.replace(/<style>[^]*?<\/style>/g, '').slice(0, 500) : 'no shadow root (not defined?)'}`));
      setTimeout(check, 20);
    };
    check();
  });
}

// Fills store `name` (group 'c': `users` seats used, `things` things), renders an
// <et-quota-meter> and an <et-metric-card> bound to it, and returns what they show.
window.app.components = async (name, users, things) => {
  const store = await open({ name });
  await store.createGroup({ id: 'c', name: 'C', plan: 'pro' });
  await store.recordUsage({ groupId: 'c', metric: 'users', amount: users });
  await store.batchInsertThings({ groupId: 'c', things: Array.from({ length: things }, (_, i) => ({ type: 'doc', name: `c${i}` })) });
  document.body.insertAdjacentHTML('beforeend', '<et-quota-meter group-id="c" metric="users"></et-quota-meter>'
    + '<et-metric-card group-id="c" metric="totalEntities" label="Things"></et-metric-card>');
  connectElements(store);
  const meter = (await rendered(document.querySelector('et-quota-meter'), '[part~=meter]')).querySelector('[part~=bar]');
  const card = await rendered(document.querySelector('et-metric-card'), '[part~=value]');
  const quota = (await store.getGroupQuotas({ groupId: 'c' })).quotas.users;
  return {
    defined: ['et-quota-meter', 'et-metric-card'].filter((tag) => customElements.get(tag)),
    meter: { valueText: meter.getAttribute('aria-valuetext'), valueNow: Number(meter.getAttribute('aria-valuenow')) },
    card: card.textContent,
    quota: { current: quota.current, limit: quota.limit, percentUsed: quota.percentUsed },
  };
};
window.ready = true;
