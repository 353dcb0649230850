// The demo page's logic: open the persistent store, make sure the demo group exists, show the
// counts, and import sample courses on click. Only the public API of the package is used.
import { ErrorCode, open } from '/js/index.browser.js';

const GROUP = { id: 'demo-org', name: 'Demo Org', plan: 'pro' };
const $ = (id) => document.getElementById(id);

function sampleCourses(start, count) {
  const categories = ['development', 'design', 'business', 'marketing', 'data'];
  return Array.from({ length: count }, (_, k) => {
    const i = start + k;
    return {
      type: 'course',
      name: `Course ${i + 1}`,
      properties: { price: 9.99 + (i % 40), category: categories[i % categories.length] },
    };
  });
}

async function ensureGroup(store) {
  try {
    return await store.createGroup(GROUP);
  } catch (error) {
    if (error.code !== ErrorCode.ALREADY_EXISTS) throw error;
    return store.getGroup({ groupId: GROUP.id });
  }
}

async function render(store, group) {
  $('things').value = String(await store.countThings({ groupId: group.id }));
  $('courses').value = String(await store.countThings({ groupId: group.id, type: 'course' }));
  $('plan').value = group.plan;
}

function showInfo(store, info) {
  const rows = { storage: store.storage, 'store name': store.name, 'device id': info.deviceId,
    'schema version': info.schemaVersion, SQLite: info.sqliteVersion };
  $('info').replaceChildren(...Object.entries(rows).flatMap(([k, v]) => {
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = k;
    dd.textContent = String(v);
    return [dt, dd];
  }));
}

async function main() {
  const store = await open({ name: 'demo' });
  const group = await ensureGroup(store);
  showInfo(store, await store.info());
  await render(store, group);
  const button = $('import');
  button.disabled = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    const started = performance.now();
    const existing = await store.countThings({ groupId: group.id });
    const result = await store.batchInsertThings({ groupId: group.id, things: sampleCourses(existing, 1000) });
    $('status').textContent = `Imported ${result.summary.success} in ${Math.round(performance.now() - started)} ms`;
    await render(store, group);
    button.disabled = false;
  });
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  $('status').textContent = `${error.code ?? 'ERROR'}: ${error.message}`;
  $('status').className = 'error';
  document.body.dataset.ready = 'error';
});
