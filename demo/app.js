// Coursely, the demo dashboard: opens the shared persistent store (with sync to the reference
// server when scripts/demo runs one), makes sure the workspaces exist, and binds the web
// components to the chosen workspace. Everything re-renders from store events; nothing polls.
import { open, QuotaExceededError } from '/js/index.browser.js';
import { connectElements } from '/web/index.js';
import { simulateDay } from './activity-sim.mjs';
import { INSTRUCTORS, SAMPLE_ROWS, sampleRow } from './sample-data.mjs';
import { WORKSPACES, ensureWorkspaces } from './workspaces.mjs';

const $ = (id) => document.getElementById(id);
const GROUP_ELEMENTS = ['m-active', 'm-events', 'm-revenue', 'm-entities', 'm-storage', 'm-today', 'import', 'quotas'];
// linking: the promise of the running linkSample (the sample's courses become the workspace's
// catalogue only once linked), so an action pressed meanwhile waits for it instead of
// finding no courses.
const state = { store: null, people: {}, groupId: localStorage.getItem('coursely:group') ?? 'acme', linking: null };

const courses = (groupId) => JSON.parse(localStorage.getItem(`coursely:${groupId}:courses`) ?? '[]');

async function syncOptions() {
  const config = await fetch('/demo/config').then((r) => (r.ok ? r.json() : null), () => null);
  if (!config?.syncUrl) return undefined;
  const getToken = async (groupId) => (await fetch(`/demo/token?group=${encodeURIComponent(groupId)}`)).text();
  return { url: config.syncUrl, getToken, intervalMs: 15000 };
}

function say(text, isError = false) {
  $('action-status').textContent = text;
  $('action-status').className = isError ? 'error' : 'muted';
}

function notice(text) {
  $('notice').hidden = !text;
  $('notice').textContent = text ?? '';
}

// Points every element at the current workspace (the elements then load and follow events).
function bindWorkspace() {
  const ws = WORKSPACES.find((w) => w.id === state.groupId);
  $('plan-label').textContent = `· ${ws.name} on the ${ws.plan} plan`;
  for (const id of GROUP_ELEMENTS) $(id).setAttribute('group-id', ws.id);
  const latest = courses(ws.id).at(-1);
  if (latest) $('activity').setAttribute('thing-id', String(latest));
  $('creator').replaceChildren(...INSTRUCTORS.map((name, i) => new Option(name, String(state.people[ws.id].creators[i]))));
  return Promise.all([renderCreator(), renderTop(), renderArchival()]);
}

async function renderCreator() {
  const creatorId = Number($('creator').value);
  if (!creatorId || typeof state.store.getCreatorStats !== 'function') return;
  const { _computed: c } = await state.store.getCreatorStats({ creatorId });
  const rows = [['Followers', c.totalFollowers], ['Courses', c.totalContent], ['Revenue', `$${c.totalRevenue}`],
    ['Revenue this month', `$${c.revenueThisMonth}`], ['Views', c.totalViews], ['Engagement', `${(c.engagementRate * 100).toFixed(1)}%`],
    ['Revenue per course', `$${c.avgRevenuePerContent}`], ['Active days (30)', c.activeDays30]];
  $('creator-stats').replaceChildren(...rows.flatMap(([k, v]) => [Object.assign(document.createElement('dt'), { textContent: k }),
    Object.assign(document.createElement('dd'), { textContent: typeof v === 'number' ? v.toLocaleString('en-US') : v })]));
}

async function renderTop() {
  if (typeof state.store.getGroupMetrics !== 'function') return;
  const { _computed: m } = await state.store.getGroupMetrics({ groupId: state.groupId });
  const rows = m.topContentByEngagement.map((t) => {
    const tr = document.createElement('tr');
    tr.append(Object.assign(document.createElement('td'), { textContent: t.name }), Object.assign(document.createElement('td'), { textContent: String(t.score) }));
    return tr;
  });
  $('top').tBodies[0].replaceChildren(...rows);
}

async function renderArchival() {
  if (typeof state.store.getArchivalStatus !== 'function') return;
  const status = await state.store.getArchivalStatus({ groupId: state.groupId });
  const g = status.groups?.[0] ?? status;
  $('archival').textContent = `Archival: events older than ${g.daysCutoff} days move to compressed chunks; ${g.eventsArchived ?? 0} archived so far.`;
}

async function loadSample() {
  const file = new File([await (await fetch('/demo/sample/courses.csv')).blob()], 'courses.csv', { type: 'text/csv' });
  await $('import').pick(file);
}

// After the sample catalogue is imported: link each course to its instructor (type 'created').
async function linkSample(result) {
  const failed = new Set(result.errors.map((e) => e.index));
  const creators = state.people[state.groupId].creators;
  const connections = [];
  let next = 0;
  for (let row = 0; next < result.created.length; row += 1) {
    if (failed.has(row)) continue;
    const instructor = INSTRUCTORS.indexOf(sampleRow(row)[4]);
    connections.push({ fromId: creators[instructor], toId: result.created[next], type: 'created' });
    next += 1;
  }
  for (let at = 0; at < connections.length; at += 5000) {
    await state.store.batchCreateConnections({ groupId: state.groupId, connections: connections.slice(at, at + 5000) });
  }
  localStorage.setItem(`coursely:${state.groupId}:courses`, JSON.stringify([...courses(state.groupId), ...result.created]));
}

async function simulate() {
  if (state.linking) {
    say('Linking the imported courses first…');
    await state.linking;
  }
  const people = state.people[state.groupId];
  const events = simulateDay({ ...people, courses: courses(state.groupId) });
  if (!events.length) return say('Import some courses first.');
  await state.store.logEvents({ groupId: state.groupId, events });
  await state.store.recordUsage({ groupId: state.groupId, metric: 'api_calls_per_month', amount: 1 });
  say(`Logged ${events.length} learner events.`);
}

async function invite() {
  try {
    await state.store.enforceQuota({ groupId: state.groupId, metric: 'users', requestedAmount: 1 });
    say('Teammate invited.');
  } catch (error) {
    if (!(error instanceof QuotaExceededError)) throw error;
    say(`${error.message}. ${error.suggestion ?? ''}`, true);
  }
}

function guard(work) {
  return async (event) => {
    const button = event.currentTarget;
    if ('disabled' in button) button.disabled = true;
    try {
      await work(event);
    } catch (error) {
      say(`${error.code ?? 'ERROR'}: ${error.message}`, true);
    } finally {
      if ('disabled' in button) button.disabled = false;
    }
  };
}

function showConnection() {
  const online = navigator.onLine;
  $('connection').textContent = online ? 'Online' : 'Offline: working locally';
  $('connection').className = `pill ${online ? 'ok' : 'offline'}`;
}

// The demo's service worker caches the page and the package, so a reload works with no
// network (demo/sw.js). Its failure only costs that: the dashboard runs without it.
function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/demo/sw.js', { scope: '/' }).catch((error) => console.warn('Coursely: no offline reload', error));
}

async function main() {
  registerServiceWorker();
  state.store = await open({ name: 'coursely', sync: await syncOptions() });
  window.coursely = state; // for the end-to-end tests and the curious
  state.people = await ensureWorkspaces(state.store);
  $('group').replaceChildren(...WORKSPACES.map((w) => new Option(`${w.name} (${w.plan})`, w.id, false, w.id === state.groupId)));
  connectElements(state.store);
  await bindWorkspace();
  $('group').addEventListener('change', guard(async () => {
    state.groupId = $('group').value;
    localStorage.setItem('coursely:group', state.groupId);
    await bindWorkspace();
  }));
  $('creator').addEventListener('change', guard(renderCreator));
  $('load-sample').addEventListener('click', guard(loadSample));
  $('simulate').addEventListener('click', guard(simulate));
  $('invite').addEventListener('click', guard(invite));
  $('import').addEventListener('et-import-done', ({ detail }) => {
    if (detail.result.summary.total !== SAMPLE_ROWS) return;
    say('Linking the courses to their instructors…');
    const linking = linkSample(detail.result).then(() => say('Courses linked to their instructors.'), (error) => say(`${error.code ?? 'ERROR'}: ${error.message}`, true));
    state.linking = linking;
    linking.finally(() => {
      if (state.linking === linking) state.linking = null;
    });
  });
  state.store.onChange(() => Promise.all([renderCreator(), renderTop()]).catch(() => {}));
  state.store.onOwnerChange(() => notice(null));
  addEventListener('online', showConnection);
  addEventListener('offline', showConnection);
  showConnection();
  if (!state.store.isOwner) notice('This workspace is open in another tab too: both stay in step.');
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  notice(`${error.code ?? 'ERROR'}: ${error.message}`);
  document.body.dataset.ready = 'error';
});
