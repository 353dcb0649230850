// The demo page's logic: open the persistent store, make sure the demo group exists, show
// counts and quota meters, import sample courses or a dropped CSV with progress and per-row
// errors. Only the public API of the package is used.
import { ErrorCode, open } from '/js/index.browser.js';

const GROUP = { id: 'demo-org', name: 'Demo Org', plan: 'pro' };
const MAPPING = { name: 'title', properties: { price: { column: 'price', as: 'number' }, category: 'category' } };
const $ = (id) => document.getElementById(id);

function sampleCourses(start, count) {
  const categories = ['development', 'design', 'business', 'marketing', 'data'];
  return Array.from({ length: count }, (_, k) => {
    const i = start + k;
    return { type: 'course', name: `Course ${i + 1}`, properties: { price: 9.99 + (i % 40), category: categories[i % 5] } };
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

// The core's labels for its metrics (quota/metrics.cpp), for people rather than code.
const LABELS = {
  users: 'Users',
  storage_gb: 'Storage',
  api_calls_per_month: 'API calls this month',
  entities_total: 'Entities',
  connections_total: 'Connections',
  events_retention_days: 'Event retention (days)',
};

// storage_gb is kept in bytes: show it in MB/GB; everything else as a count.
function amount(metric, n) {
  if (metric !== 'storage_gb') return n.toLocaleString('en-US'); // not the OS locale: 'C' in some
  return n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(1)} GB` : `${(n / 2 ** 20).toFixed(2)} MB`;
}

function meter(metric, q) {
  const div = document.createElement('div');
  div.className = `meter ${q.status}`;
  div.dataset.metric = metric;
  const used = q.unlimited ? 'unlimited' : `${amount(metric, q.current)} of ${amount(metric, q.limit)}`;
  div.innerHTML = `<strong></strong> <small></small><div class="bar"><div class="fill"></div></div>`;
  div.querySelector('strong').textContent = LABELS[metric] ?? metric;
  div.querySelector('small').textContent = `${used} (${q.status})`;
  div.querySelector('.fill').style.width = `${Math.min(100, q.percentUsed)}%`;
  return div;
}

async function render(store, group) {
  $('things').value = String(await store.countThings({ groupId: group.id }));
  $('courses').value = String(await store.countThings({ groupId: group.id, type: 'course' }));
  $('plan').value = group.plan;
  const { quotas } = await store.getGroupQuotas({ groupId: group.id });
  $('quotas').replaceChildren(...Object.entries(quotas).map(([metric, q]) => meter(metric, q)));
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

function say(text, isError = false) {
  $('status').textContent = text;
  $('status').className = isError ? 'error' : '';
}

async function importSamples(store, group) {
  const existing = await store.countThings({ groupId: group.id });
  const check = await store.checkCanCreateEntities({ groupId: group.id, count: 1000 });
  if (!check.canCreate) return say(`${check.reason}. ${check.suggestion}`, true);
  const started = performance.now();
  const result = await store.batchInsertThings({ groupId: group.id, things: sampleCourses(existing, 1000) });
  say(`Imported ${result.summary.success} in ${Math.round(performance.now() - started)} ms`);
}

async function importCsv(store, group, file) {
  const progress = $('progress');
  progress.hidden = false;
  let result;
  try {
    result = await store.importFile({
      groupId: group.id, file, type: 'course', mapping: MAPPING, mode: 'partial',
      onProgress: (p) => { progress.value = p.bytesTotal ? p.bytesDone / p.bytesTotal : 0; },
    });
  } finally {
    progress.hidden = true; // a failed import must not leave a bar standing
  }
  say(`Imported ${result.summary.success} of ${result.summary.total} rows from ${file.name}`);
  $('row-errors').replaceChildren(...result.errors.slice(0, 10).map((e) => {
    const li = document.createElement('li');
    li.textContent = `line ${e.line}: ${e.message}`;
    return li;
  }));
}

// Another tab owns the store (OPFS handles are exclusive): say so and offer a retry.
function showLocked() {
  say('The demo is open in another tab. Close it there, then retry.', true);
  $('retry').hidden = false;
  document.body.dataset.ready = 'locked';
}

async function main() {
  $('retry').hidden = true;
  const store = await open({ name: 'demo' });
  const group = await ensureGroup(store);
  showInfo(store, await store.info());
  await render(store, group);
  store.onQuotaAlert((alert) => say(`Quota ${alert.status}: ${alert.metric} at ${alert.percentUsed}%`, true));
  const guard = (work) => async (event) => {
    event.target.disabled = true;
    try {
      await work(event);
    } catch (error) {
      say(`${error.code ?? 'ERROR'}: ${error.message}`, true);
    }
    await render(store, group);
    event.target.disabled = false;
  };
  $('import').addEventListener('click', guard(() => importSamples(store, group)));
  $('csv').addEventListener('change', guard((event) => importCsv(store, group, event.target.files[0])));
  $('import').disabled = false;
  $('csv').disabled = false;
  say('');
  document.body.dataset.ready = 'true';
}

function start() {
  main().catch((error) => {
    if (error.code === ErrorCode.STORE_LOCKED) return showLocked();
    say(`${error.code ?? 'ERROR'}: ${error.message}`, true);
    document.body.dataset.ready = 'error';
  });
}

$('retry').addEventListener('click', () => {
  say('Opening…');
  delete document.body.dataset.ready;
  start();
});
start();
