// Workload "quota checks": one check is the status of every metric (getGroupQuotas) and "can
// I create 10 entities" (checkCanCreateEntities), for a 'pro' group holding 10,000 things (its
// entities limit) and N usage records of one API call each, spread over the current month.
// edgetally through its public Node API; the raw SQLite peers with running counters per group
// and metric kept in the writes' transactions, read in one query (bench/peers/sql-quota.mjs).
// The set-up (things, records) is untimed; every stack's answers are compared.
import { monthBounds, setUpQuotaSql } from '../peers/sql-quota.mjs';
import { PEER_GROUP_ID } from '../peers/sql-things.mjs';
import { makeThings, thingsApi } from './insert-things.mjs';
import { ALL_STACKS } from './stacks.mjs';

const THINGS = 10_000;
const CHECK_COUNT = 10;
const RECORD_CHUNK = 1_000;
const METRIC = 'api_calls_per_month';

export const name = 'quota-checks';
export const unit = 'µs';
export const sameWork = 'one check = status of every metric + "can I create 10"; 10,000 ' +
  'things, N usage records; peers keep running counters per group and metric (one-row read)';
export const goal = { n: 100_000, warmMs: 10 / 1000 };
export const title = (n) => `quota checks with 10,000 things and ${n.toLocaleString('en-US')} usage records (µs per check)`;
export const sizes = ({ quick }) => [quick ? 10_000 : 100_000];
export const runs = ({ quick }) => (quick ? 3 : 5);
export const stacks = () => ALL_STACKS;

/** `records` timestamps spread evenly from the start of the current UTC month to now. */
function spreadOverMonth(records, now) {
  const { start } = monthBounds(now);
  const span = now - start;
  return Array.from({ length: records }, (_, i) => start + Math.floor((span * i) / records));
}

async function setUpEdgetally(peer, lib, things, timestamps) {
  const db = await peer.fresh(lib, { plan: 'pro' });
  await peer.insertThings(db, things);
  const { store, groupId } = db;
  for (let i = 0; i < timestamps.length; i += RECORD_CHUNK) {
    const chunk = timestamps.slice(i, i + RECORD_CHUNK);
    await Promise.all(chunk.map((timestamp) => store.recordUsage({ groupId, metric: METRIC, amount: 1, timestamp })));
  }
  return { client: store, groupId };
}

async function setUpSql(api, lib, things, timestamps) {
  const db = await api.fresh(lib);
  await api.insert(db, things);
  const client = setUpQuotaSql(api.peer, db, { groupId: PEER_GROUP_ID, things: things.length, timestamps });
  return { client, groupId: PEER_GROUP_ID };
}

export async function setUp(label, n) {
  const api = thingsApi(label);
  const lib = await api.peer.init();
  const things = makeThings(THINGS);
  const timestamps = spreadOverMonth(n, Date.now());
  const stack = label === 'edgetally'
    ? await setUpEdgetally(api.peer, lib, things, timestamps)
    : await setUpSql(api, lib, things, timestamps);
  return { ...stack, calls: 2_000 };
}

async function check({ client, groupId }) {
  const quotas = await client.getGroupQuotas({ groupId });
  const can = await client.checkCanCreateEntities({ groupId, count: CHECK_COUNT });
  return { quotas, can };
}

export const before = () => null;

/** One check when cold, else `calls` checks in a row (each after one usage write when
 * `write`); answers {ops, last}. */
export async function run(state, _ctx, { cold }, write = false) {
  const ops = cold ? 1 : state.calls;
  let last = null;
  for (let i = 0; i < ops; i++) {
    if (write) await state.client.recordUsage({ groupId: state.groupId, metric: METRIC, amount: 1 });
    last = await check(state);
  }
  return { ops, last };
}

export function after(_state, _ctx, { last: { quotas, can } }) {
  const metric = (key) => {
    const { current, limit, status } = quotas.quotas[key];
    return { current, limit, status };
  };
  return {
    metrics: Object.keys(quotas.quotas).length,
    [METRIC]: metric(METRIC),
    entities_total: metric('entities_total'),
    canCreate: can.canCreate,
    remaining: can.remaining,
  };
}

// The same checks, each after one usage record is written: the figure to compare for a dashboard
// that writes between reads. The write drops the JS side's kept answers, so every check reaches
// the engine; there the write has updated the kept getGroupQuotas answer in place (its states,
// with the level the write left) and kept the entity check's (it read no API calls), see
// src/api/answer_cache.h. The digest leaves out the API-call count, which grows run by run.
export const afterWrite = {
  name: 'quota-checks-after-write',
  unit,
  sizes,
  runs,
  stacks,
  setUp,
  before,
  sameWork: `${sameWork}; before each check one usage record (1 API call) is written in its own transaction`,
  title: (n) => `${title(n)}, each check after one usage write (µs per write + check)`,
  run: (state, ctx, options) => run(state, ctx, options, true),
  after(state, ctx, output) {
    const { [METRIC]: _grows, ...rest } = after(state, ctx, output);
    return rest;
  },
};
