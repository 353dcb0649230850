// The quota checks written in plain SQL on a raw SQLite library (sql.js, better-sqlite3), as a
// competent developer would without edgetally: a plans and a groups table, an append-only
// usage ledger with an index that covers the sums, statements prepared once, one SUM (or
// COUNT of things) per metric, and the status rules (percent used, warning at 80%, exceeded
// above the limit, remaining) in JS. The peer gives prepare(db, sql) -> {run, get}; the
// things table and its rows come from the peer's fresh() and insert() (insert-things.mjs).

export const METRICS = [
  'users',
  'storage_gb',
  'api_calls_per_month',
  'entities_total',
  'connections_total',
  'events_retention_days',
];
const PERIODIC_METRIC = 'api_calls_per_month';
const GIB = 1024 ** 3;
// The 'pro' plan of edgetally's built-in catalogue (src/quota/plan_catalogue.cpp), in METRICS
// order; storage in bytes. NULL would mean unlimited.
const PRO_LIMITS = [50, 100 * GIB, 100_000, 10_000, 100_000, 365];
const WARNING_PERCENT = 80;

const SCHEMA = `
CREATE TABLE plans (id TEXT PRIMARY KEY, name TEXT NOT NULL,
  ${METRICS.map((metric) => `${metric} INTEGER`).join(', ')});
CREATE TABLE groups (id TEXT PRIMARY KEY, name TEXT NOT NULL, plan TEXT NOT NULL REFERENCES plans);
CREATE TABLE usage (id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, metric TEXT NOT NULL,
  amount INTEGER NOT NULL, ts INTEGER NOT NULL);
CREATE INDEX usage_by_group_metric_ts ON usage (group_id, metric, ts, amount);`;

const QUERIES = {
  plan: `SELECT p.id, ${METRICS.map((metric) => `p.${metric}`).join(', ')}
    FROM groups g JOIN plans p ON p.id = g.plan WHERE g.id = ?`,
  sumUsage: `SELECT coalesce(sum(amount), 0) FROM usage
    WHERE group_id = ? AND metric = ? AND ts >= ? AND ts < ?`,
  countThings: 'SELECT count(*) FROM things WHERE group_id = ?',
  entities: `SELECT (SELECT count(*) FROM things WHERE group_id = ?), p.entities_total
    FROM groups g JOIN plans p ON p.id = g.plan WHERE g.id = ?`,
};
const ALL_TIME = [0, Number.MAX_SAFE_INTEGER];

/** The UTC calendar month holding `now` (ms): {start, end}. */
export function monthBounds(now) {
  const date = new Date(now);
  const [year, month] = [date.getUTCFullYear(), date.getUTCMonth()];
  return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
}

function quotaOf(current, limit, period) {
  const unlimited = limit === null;
  let percentUsed = 0;
  if (!unlimited) percentUsed = limit === 0 ? 100 : Math.round((current * 1000) / limit) / 10;
  let status = 'ok';
  if (!unlimited && current > limit) status = 'exceeded';
  else if (!unlimited && percentUsed >= WARNING_PERCENT) status = 'warning';
  const remaining = unlimited ? null : Math.max(0, limit - current);
  const [periodStart, periodEnd] = period ? [period.start, period.end] : [null, null];
  return { current, limit, unlimited, percentUsed, remaining, status, periodStart, periodEnd,
    nextResetAt: periodEnd };
}

function currentOf(statements, groupId, metric, month) {
  if (metric === 'entities_total') return statements.countThings.get([groupId])[0];
  const [from, to] = metric === PERIODIC_METRIC ? [month.start, month.end] : ALL_TIME;
  return statements.sumUsage.get([groupId, metric, from, to])[0];
}

function getGroupQuotas(statements, { groupId }) {
  const [plan, ...limits] = statements.plan.get([groupId]);
  const month = monthBounds(Date.now());
  const quotas = {};
  const warnings = [];
  METRICS.forEach((metric, i) => {
    const period = metric === PERIODIC_METRIC ? month : null;
    const quota = quotaOf(currentOf(statements, groupId, metric, month), limits[i], period);
    quotas[metric] = quota;
    if (quota.status === 'ok') return;
    const { percentUsed, current, limit, status } = quota;
    warnings.push({ metric, percentUsed, current, limit, status });
  });
  const exceededCount = warnings.filter(({ status }) => status === 'exceeded').length;
  const warningCount = warnings.length - exceededCount;
  const summary = { allOk: warnings.length === 0, warningCount, exceededCount };
  return { plan, quotas, warnings, summary };
}

function checkCanCreateEntities(statements, { groupId, count }) {
  const [current, limit] = statements.entities.get([groupId, groupId]);
  const remaining = limit === null ? null : Math.max(0, limit - current);
  const canCreate = remaining === null || count <= remaining;
  const reason = canCreate
    ? null
    : `Adding ${count} entities would exceed the plan's limit of ${limit} ` +
      `(used: ${current}, remaining: ${remaining})`;
  return { canCreate, reason, suggestion: null, remaining };
}

function seed(peer, db, groupId, timestamps) {
  const limitMarks = METRICS.map(() => '?').join(', ');
  const plan = peer.prepare(db, `INSERT INTO plans VALUES (?, ?, ${limitMarks})`);
  plan.run(['pro', 'Pro', ...PRO_LIMITS]);
  peer.prepare(db, 'INSERT INTO groups VALUES (?, ?, ?)').run([groupId, 'Bench', 'pro']);
  const record = peer.prepare(
    db,
    'INSERT INTO usage (group_id, metric, amount, ts) VALUES (?, ?, ?, ?)',
  );
  db.exec('BEGIN');
  for (const ts of timestamps) record.run([groupId, PERIODIC_METRIC, 1, ts]);
  db.exec('COMMIT');
}

/**
 * Adds the quota tables to `db` (which already holds the group's things), one usage record of
 * one API call per timestamp, and returns {getGroupQuotas(args), checkCanCreateEntities(args)}
 * taking the same arguments as edgetally's methods.
 */
export function setUpQuotaSql(peer, db, { groupId, timestamps }) {
  db.exec(SCHEMA);
  seed(peer, db, groupId, timestamps);
  const statements = Object.fromEntries(
    Object.entries(QUERIES).map(([key, sql]) => [key, peer.prepare(db, sql)]),
  );
  return {
    getGroupQuotas: (args) => getGroupQuotas(statements, args),
    checkCanCreateEntities: (args) => checkCanCreateEntities(statements, args),
  };
}
