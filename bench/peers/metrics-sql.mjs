// The computed metrics written the straightforward way on a raw SQLite library (sql.js,
// @sqlite.org/sqlite-wasm, better-sqlite3): the raw events in one table with the indexes a
// competent developer would add (each query below is answered from an index that covers it),
// statements prepared once, and the definitions of README
// "Metrics" as SQL aggregates over the events on every call. Answers the same shape as
// edgetally's `_computed`, so the workload can compare them.
const DAY = 86400000;

const SCHEMA = `
CREATE TABLE things (id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, type TEXT NOT NULL,
  name TEXT NOT NULL, properties TEXT NOT NULL);
CREATE INDEX things_by_group_type ON things (group_id, type);
CREATE TABLE connections (id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, from_id INTEGER NOT NULL,
  to_id INTEGER NOT NULL, type TEXT NOT NULL);
CREATE INDEX connections_by_from ON connections (from_id, type, to_id);
CREATE INDEX connections_by_group ON connections (group_id);
CREATE TABLE events (id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, type TEXT NOT NULL,
  actor_id INTEGER, target_id INTEGER, ts INTEGER NOT NULL, amount INTEGER);
CREATE INDEX events_by_group_ts ON events (group_id, ts, type, actor_id, target_id);
CREATE INDEX events_by_target ON events (target_id, type, ts, amount, actor_id);
CREATE INDEX events_by_actor_ts ON events (actor_id, ts);`;

const QUERIES = {
  followers: `SELECT count(*) FROM (SELECT type, row_number() OVER (PARTITION BY actor_id
      ORDER BY ts DESC, id DESC) AS rn FROM events WHERE target_id = ?1 AND type IN ('follow', 'unfollow')
      AND actor_id IS NOT NULL) WHERE rn = 1 AND type = 'follow'`,
  content: `SELECT count(*) FROM connections WHERE from_id = ?1 AND type = 'created'`,
  contentTotals: `SELECT coalesce(sum(e.type = 'view'), 0), coalesce(sum(e.type = 'like'), 0),
      coalesce(sum(e.type = 'comment'), 0), coalesce(sum(CASE WHEN e.type = 'payment' THEN e.amount END), 0),
      coalesce(sum(CASE WHEN e.type = 'payment' AND e.ts >= ?2 THEN e.amount END), 0)
    FROM connections c JOIN events e ON e.target_id = c.to_id
    WHERE c.from_id = ?1 AND c.type = 'created' AND e.type IN ('view', 'like', 'comment', 'payment')`,
  lastActive: `SELECT max(ts) FROM events WHERE actor_id = ?1`,
  activeDays: `SELECT count(DISTINCT ts / ${DAY}) FROM events WHERE actor_id = ?1 AND ts >= ?2`,
  entities: `SELECT type, count(*), sum(length(CAST(properties AS BLOB))) FROM things WHERE group_id = ?1
    GROUP BY type ORDER BY type`,
  connections: `SELECT count(*) FROM connections WHERE group_id = ?1`,
  activeUsers: `SELECT count(DISTINCT actor_id) FROM events WHERE group_id = ?1 AND ts >= ?2`,
  counts: `SELECT coalesce(sum(ts >= ?2), 0), coalesce(sum(ts >= ?3), 0), coalesce(sum(ts >= ?4), 0), count(*)
    FROM events WHERE group_id = ?1 AND ts >= ?5`,
  revenue: `SELECT coalesce(sum(amount), 0) FROM events WHERE group_id = ?1 AND ts >= ?2 AND type = 'payment'`,
  top: `SELECT e.target_id, t.name, sum(CASE e.type WHEN 'view' THEN 1 WHEN 'like' THEN 3 WHEN 'share' THEN 4
      WHEN 'comment' THEN 5 ELSE 0 END) AS score
    FROM events e JOIN things t ON t.id = e.target_id
    WHERE e.group_id = ?1 AND e.ts >= ?2 AND t.type IN ('course', 'post', 'video')
    GROUP BY e.target_id HAVING score > 0 ORDER BY score DESC, e.target_id LIMIT 5`,
  insertEvent: `INSERT INTO events (group_id, type, actor_id, target_id, ts, amount) VALUES (?1, ?2, ?3, ?4, ?5, ?6)`,
  insertThing: `INSERT INTO things (id, group_id, type, name, properties) VALUES (?1, ?2, ?3, ?4, ?5)`,
  insertConnection: `INSERT INTO connections (group_id, from_id, to_id, type) VALUES (?1, ?2, ?3, ?4)`,
};

/** Drivers: each gives exec(sql), prepare(sql) -> {all(params) -> rows of arrays, run(params)}. */
export const DRIVERS = {
  'sql.js': async () => {
    const { default: initSqlJs } = await import('sql.js');
    const db = new (await initSqlJs()).Database();
    return {
      exec: (sql) => db.exec(sql),
      prepare(sql) {
        const stmt = db.prepare(sql);
        return {
          all(params) {
            stmt.bind(params);
            const rows = [];
            while (stmt.step()) rows.push(stmt.get());
            stmt.reset();
            return rows;
          },
          run: (params) => stmt.run(params),
        };
      },
      close: () => db.close(),
    };
  },
  'sqlite-wasm': async () => {
    const { default: init } = await import('@sqlite.org/sqlite-wasm');
    const sqlite3 = await init({ print() {}, printErr() {} });
    const db = new sqlite3.oo1.DB(':memory:');
    return {
      exec: (sql) => db.exec(sql),
      prepare(sql) {
        const stmt = db.prepare(sql);
        return {
          all(params) {
            stmt.bind(params);
            const rows = [];
            while (stmt.step()) rows.push(stmt.get([]));
            stmt.reset(true);
            return rows;
          },
          run: (params) => stmt.bind(params).stepReset(),
        };
      },
      close: () => db.close(),
    };
  },
  'better-sqlite3': async () => {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(':memory:');
    return {
      exec: (sql) => db.exec(sql),
      prepare(sql) {
        // better-sqlite3 takes anonymous ? (not ?N): expand them and reorder the values
        const order = [];
        const stmt = db.prepare(sql.replace(/\?(\d+)/g, (_, n) => (order.push(Number(n) - 1), '?')));
        const values = (params) => order.map((i) => params[i]);
        if (stmt.reader) stmt.raw(true);
        return { all: (params) => stmt.all(values(params)), run: (params) => stmt.run(values(params)) };
      },
      close: () => db.close(),
    };
  },
};

const round = (value, decimals) => Math.round(value * 10 ** decimals) / 10 ** decimals;

function monthStart(now) {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Loads the data set into a fresh database of `driver`; returns the metrics calls and the load ms. */
export function setUpMetricsSql(driver, { groupId, things, connections, events }) {
  driver.exec(SCHEMA);
  const q = Object.fromEntries(Object.entries(QUERIES).map(([k, sql]) => [k, driver.prepare(sql)]));
  const load = (rows, stmt, values) => {
    driver.exec('BEGIN');
    for (const row of rows) stmt.run(values(row));
    driver.exec('COMMIT');
  };
  load(things, q.insertThing, (t) => [t.id, groupId, t.type, t.name, JSON.stringify(t.properties ?? {})]);
  load(connections, q.insertConnection, (c) => [groupId, c.fromId, c.toId, c.type]);
  const started = performance.now();
  load(events, q.insertEvent, (e) => [groupId, e.type, e.actorId ?? null, e.targetId ?? null, e.ts, e.amount ?? null]);
  const loadMs = performance.now() - started;
  const one = (stmt, params) => stmt.all(params)[0];
  return {
    loadMs,
    logEvent: (e) => q.insertEvent.run([groupId, e.type, e.actorId ?? null, e.targetId ?? null, e.ts, e.amount ?? null]),
    getCreatorStats(creatorId) {
      const now = Date.now();
      const [followers] = one(q.followers, [creatorId]);
      const [content] = one(q.content, [creatorId]);
      const [views, likes, comments, revenue, month] = one(q.contentTotals, [creatorId, monthStart(now)]);
      const [last] = one(q.lastActive, [creatorId]);
      const [days] = one(q.activeDays, [creatorId, now - 30 * DAY]);
      return {
        totalFollowers: followers, totalContent: content, totalRevenue: revenue / 100,
        revenueThisMonth: month / 100, totalViews: views, totalLikes: likes, totalComments: comments,
        engagementRate: views ? round((likes + comments) / views, 4) : 0, lastActive: last ?? null,
        avgRevenuePerContent: content ? round(revenue / 100 / content, 2) : 0, activeDays30: days,
      };
    },
    getGroupMetrics() {
      const now = Date.now();
      const byType = {};
      let entities = 0, bytes = 0;
      for (const [type, n, b] of q.entities.all([groupId])) (byType[type] = n), (entities += n), (bytes += b);
      const [conns] = one(q.connections, [groupId]);
      const [active] = one(q.activeUsers, [groupId, now - 30 * DAY]);
      const [active7] = one(q.activeUsers, [groupId, now - 7 * DAY]);
      const dayStart = Math.floor(now / DAY) * DAY;
      const [today, e7, e30, e60] = one(q.counts, [groupId, dayStart, now - 7 * DAY, now - 30 * DAY, now - 60 * DAY]);
      const [revenue] = one(q.revenue, [groupId, monthStart(now)]);
      const top = q.top.all([groupId, now - 30 * DAY]).map(([id, name, score]) => ({ id, name, score }));
      const prev = e60 - e30;
      return {
        totalEntities: entities, entitiesByType: byType, totalConnections: conns, activeUsers: active,
        activeUsers7d: active7, eventsToday: today, events7d: e7, events30d: e30, eventsPrev30d: prev,
        storageUsedMB: round(bytes / 2 ** 20, 2), revenueThisMonth: revenue / 100, topContentByEngagement: top,
        trendingUp: e30 >= prev, trendPct: prev ? round(((e30 - prev) / prev) * 100, 2) : 0,
        eventsPerActiveUser30d: active ? round(e30 / active, 2) : 0,
      };
    },
  };
}
