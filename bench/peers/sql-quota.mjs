// Quota checks in plain SQL on a raw SQLite peer, in the fastest straightforward design: an
// append-only usage ledger plus running counters, one row per group with a column per metric,
// kept up to date in the same transaction as each write (a usage record, an insert of things),
// so a check reads one row: the group's plan limits joined with its counters. The status rules
// (percent used to one decimal, warning at 80%, exceeded above the limit, remaining; a monthly
// counter reads 0 once its month has passed) are edgetally's (src/quota/quota_state.cpp), in JS.
// The question is edgetally's: the status of every metric (getGroupQuotas) and "can I create
// N entities" (checkCanCreateEntities), with the same argument and answer shapes.
import { withTransaction } from './transaction.mjs';

export const METRICS = ['users', 'storage_gb', 'api_calls_per_month', 'entities_total',
  'connections_total', 'events_retention_days'];
const PERIODIC = 'api_calls_per_month';
const GIB = 1024 ** 3;
// The 'pro' plan of edgetally's built-in catalogue (src/quota/plan_catalogue.cpp), in METRICS
// order; storage in bytes. NULL would mean unlimited.
const PRO_LIMITS = [50, 100 * GIB, 100_000, 10_000, 100_000, 365];
const WARNING_PERCENT = 80;
const COLUMNS = METRICS.join(', ');

const SCHEMA = `
CREATE TABLE plans (id TEXT PRIMARY KEY, name TEXT NOT NULL, ${COLUMNS}) WITHOUT ROWID;
CREATE TABLE groups (id TEXT PRIMARY KEY, name TEXT NOT NULL, plan TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE usage (id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, metric TEXT NOT NULL,
  amount INTEGER NOT NULL, ts INTEGER NOT NULL);
CREATE TABLE counters (group_id TEXT PRIMARY KEY, period_start INTEGER NOT NULL,
  ${METRICS.map((metric) => `${metric} INTEGER NOT NULL DEFAULT 0`).join(', ')}) WITHOUT ROWID;`;

const QUERIES = {
  all: `SELECT p.id, ${METRICS.map((m) => `p.${m}`).join(', ')}, c.period_start,
    ${METRICS.map((m) => `c.${m}`).join(', ')}
    FROM groups g JOIN plans p ON p.id = g.plan JOIN counters c ON c.group_id = g.id WHERE g.id = ?`,
  entities: `SELECT c.entities_total, p.entities_total FROM counters c
    JOIN groups g ON g.id = c.group_id JOIN plans p ON p.id = g.plan WHERE c.group_id = ?`,
  record: 'INSERT INTO usage (group_id, metric, amount, ts) VALUES (?, ?, ?, ?)',
  addApiCalls: `UPDATE counters SET api_calls_per_month = CASE WHEN period_start = ?
    THEN api_calls_per_month + ? ELSE ? END, period_start = ? WHERE group_id = ?`,
  addEntities: 'UPDATE counters SET entities_total = entities_total + ? WHERE group_id = ?',
};

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
  return { current, limit, unlimited, percentUsed, remaining, status, periodStart, periodEnd };
}

function getGroupQuotas(statements, { groupId }) {
  const [plan, ...row] = statements.all.get([groupId]);
  const limits = row.slice(0, METRICS.length);
  const periodStart = row[METRICS.length];
  const counters = row.slice(METRICS.length + 1);
  const month = monthBounds(Date.now());
  const quotas = {};
  const warnings = [];
  METRICS.forEach((metric, i) => {
    const periodic = metric === PERIODIC;
    const current = periodic && periodStart !== month.start ? 0 : counters[i];
    const quota = quotaOf(current, limits[i], periodic ? month : null);
    quotas[metric] = quota;
    if (quota.status !== 'ok') warnings.push({ metric, percentUsed: quota.percentUsed, current, limit: quota.limit, status: quota.status });
  });
  const exceededCount = warnings.filter(({ status }) => status === 'exceeded').length;
  const summary = { allOk: warnings.length === 0, warningCount: warnings.length - exceededCount, exceededCount };
  return { plan, quotas, warnings, summary };
}

function checkCanCreateEntities(statements, { groupId, count }) {
  const [current, limit] = statements.entities.get([groupId]);
  const remaining = limit === null ? null : Math.max(0, limit - current);
  const canCreate = remaining === null || count <= remaining;
  const reason = canCreate ? null : `Adding ${count} entities would exceed the plan's limit of ${limit} ` +
    `(used: ${current}, remaining: ${remaining})`;
  return { canCreate, reason, suggestion: null, remaining };
}

/**
 * Adds the quota tables to `db` (holding the group's things), a 'pro' group `groupId` whose
 * entity counter says `things`, and one usage record of one API call per timestamp (ledger
 * row and counter in one transaction). Returns {getGroupQuotas(args),
 * checkCanCreateEntities(args), recordUsage(args)} taking edgetally's shapes (recordUsage: one
 * API-call record, ledger row and counter in one transaction, as the set-up writes them).
 */
export function setUpQuotaSql(peer, db, { groupId, things, timestamps }) {
  db.exec(SCHEMA);
  const statements = Object.fromEntries(
    Object.entries(QUERIES).map(([key, sql]) => [key, peer.prepare(db, sql)]),
  );
  const { start } = monthBounds(Date.now());
  const record = (ts, amount) => {
    statements.record.run([groupId, PERIODIC, amount, ts]);
    const period = monthBounds(ts).start;
    statements.addApiCalls.run([period, amount, amount, period, groupId]);
  };
  withTransaction(db, () => {
    peer.prepare(db, `INSERT INTO plans VALUES (?, ?, ${METRICS.map(() => '?').join(', ')})`)
      .run(['pro', 'Pro', ...PRO_LIMITS]);
    peer.prepare(db, 'INSERT INTO groups VALUES (?, ?, ?)').run([groupId, 'Bench', 'pro']);
    peer.prepare(db, 'INSERT INTO counters (group_id, period_start) VALUES (?, ?)').run([groupId, start]);
    statements.addEntities.run([things, groupId]);
    for (const ts of timestamps) record(ts, 1);
  });
  return {
    getGroupQuotas: (args) => getGroupQuotas(statements, args),
    checkCanCreateEntities: (args) => checkCanCreateEntities(statements, args),
    recordUsage: ({ amount }) => withTransaction(db, () => record(Date.now(), amount)),
  };
}
