// Workload "archival": archive the ~87,500 events older than 365 days out of 1,000,000 spread
// over 400 days (select in (ts, id) order, encode NDJSON, gzip level 6, SHA-256 of the gzip,
// delete in one transaction per chunk of 50,000, the last of which also gives the free pages
// back), edgetally (wasm under Node, a file store, archiveGroupEvents) next to sql.js +
// node:zlib and better-sqlite3 + node:zlib doing the same work on the same events (a file for
// better-sqlite3, the same file loaded into memory for sql.js, whose run ends by writing its
// image to disk: the same durability). Durability is the same for the file stacks: rollback
// journal, synchronous = FULL (better-sqlite3's default; edgetally's, in exclusive locking
// mode). The fixture is built once per bench run: the events go into an edgetally store through
// logEvents, and the peers' file is copied from it (same rows, auto_vacuum incremental too, the
// indexes a user would write: (group_id, ts) and (target_id, ts), where edgetally's per-target
// index leads with the week, its own layout choice). Each stack runs in a
// fresh process: cold is its first run, warm the median of the next runs, each on a fresh copy
// of the fixture. Prints the time split and the pages before / after delete / after reclaim.
// The file peers run with edgetally's page cache settings (cache_size 8 MiB; in each chunk's
// transaction cache_spill at 64 MiB, as edgetally's commit: no spill, no extra journal syncs).
// Gzip: edgetally deflates a chunk in 1 MiB pieces at once on libuv's pool (js/archive/
// codec.node.js) while its engine encodes the next chunk or commits the one before; the peers
// run one zlib.gzipSync per chunk (a straightforward design), or with --peer-gzip pieces the
// same pieced gzip as edgetally, awaited (parallel pieces, no overlap with their engine).
// Standalone: node bench/workloads/archival.mjs [--events 1000000] [--runs 3] [--peer-gzip sync|pieces]
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

const DAY = 86400000;
const CHUNK = 50_000;
const STACKS = ['edgetally', 'sql.js', 'better-sqlite3'];
const SELF = fileURLToPath(import.meta.url);
const PEER_CACHE = 'PRAGMA cache_size = -8192'; // edgetally's (src/engine/engine.cpp)
const PEER_SPILL = ['PRAGMA cache_spill = -65536', 'PRAGMA cache_spill = 1']; // around a chunk's transaction, as edgetally's commit
// CPU time of the whole process (every thread: node:zlib's pool included) since `start`.
const cpuSince = (start) => { const c = process.cpuUsage(start); return (c.user + c.system) / 1000; };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

// Events over 400 days before `now`, none within an hour of the 365-day cutoff (the clock moves
// between the stacks' runs), oldest first as an app logs them; the newest is recent.
function makeEvents(n, now) {
  const random = rng(7);
  const types = ['view', 'view', 'view', 'like', 'comment', 'share', 'payment', 'signup', 'follow'];
  const events = [];
  for (let i = 0; i < n; i++) {
    let ts = now - Math.floor(random() * 400 * DAY);
    if (Math.abs(ts - (now - 365 * DAY)) < 3600000) ts -= 2 * 3600000;
    const type = types[Math.floor(random() * types.length)];
    const e = { type, ts, actorId: 1 + Math.floor(random() ** 2 * 2000), targetId: 2001 + Math.floor(random() ** 3 * 8000) };
    if (type === 'payment') Object.assign(e, { amount: 100 + Math.floor(random() * 9900), currency: 'USD' });
    if (random() < 0.3) e.metadata = { source: random() < 0.5 ? 'web' : 'app', n: i % 97 };
    events.push(e);
  }
  events.sort((a, b) => a.ts - b.ts);
  events[events.length - 1].ts = now - 60000;
  return events;
}

export async function buildFixture(dir, n, log) {
  const { open } = await import('../../js/index.node.js');
  const store = await open({ name: 'archival', path: dir });
  const { id: groupId } = await store.createGroup({ name: 'Bench', plan: 'enterprise' });
  const things = Array.from({ length: 10_000 }, (_, i) => ({ type: i < 2000 ? 'user' : 'course', name: `t${i}` }));
  for (let i = 0; i < things.length; i += 5000) await store.batchInsertThings({ groupId, things: things.slice(i, i + 5000) });
  const events = makeEvents(n, Date.now());
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += 20_000) {
    const { failed } = await store.logEvents({ groupId, events: events.slice(i, i + 20_000) });
    if (failed) throw new Error(`logEvents refused ${failed} events`);
  }
  log(`  archival: ${n} events logged in ${Math.round(performance.now() - t0)} ms`);
  await store.close();
  // The peers' file: the same rows and indexes, plain SQLite.
  const { default: Database } = await import('better-sqlite3');
  const peer = new Database(path.join(dir, 'peer.sqlite3'));
  peer.exec(`PRAGMA auto_vacuum = INCREMENTAL;
    CREATE TABLE events (id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, type TEXT NOT NULL, actor_id INTEGER,
      target_id INTEGER, ts INTEGER NOT NULL, metadata TEXT NOT NULL DEFAULT '{}', amount INTEGER, currency TEXT);
    CREATE TABLE archives (id INTEGER PRIMARY KEY, group_id TEXT NOT NULL, from_ts INTEGER NOT NULL, to_ts INTEGER NOT NULL,
      event_count INTEGER NOT NULL, byte_size INTEGER NOT NULL, sha256 TEXT NOT NULL UNIQUE, body BLOB);`);
  peer.exec(`ATTACH '${path.join(dir, 'archival.sqlite3')}' AS src; INSERT INTO events SELECT id, group_id, type, actor_id,
    target_id, ts, metadata, amount, currency FROM src.events; DETACH src;
    CREATE INDEX events_by_group_ts ON events (group_id, ts); CREATE INDEX events_by_target_ts ON events (target_id, ts);`);
  peer.close();
  return { groupId, n, old: events.filter((e) => e.ts < Date.now() - 365 * DAY).length };
}

// --- one stack's runs (child process) ---

function copyFixture(fixture, stack) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgetally-archival-'));
  const file = stack === 'edgetally' ? 'archival.sqlite3' : 'peer.sqlite3';
  fs.copyFileSync(path.join(fixture, file), path.join(dir, file));
  return { dir, file: path.join(dir, file) };
}

async function runEdgetally(fixture, { groupId }) {
  const { open } = await import('../../js/index.node.js');
  return async () => {
    const copy = copyFixture(fixture, 'edgetally');
    const store = await open({ name: 'archival', path: copy.dir });
    const c0 = process.cpuUsage(), t0 = performance.now();
    const run = await store.archiveGroupEvents({ groupId, daysCutoff: 365 });
    const ms = performance.now() - t0, cpuMs = cpuSince(c0);
    await store.close();
    fs.rmSync(copy.dir, { recursive: true, force: true });
    const t = run.timing;
    return {
      ms, cpuMs, archived: run.archived, chunks: run.chunks.length, gzipBytes: run.chunks.reduce((s, c) => s + c.bytes, 0),
      // gzip: the part of the compression the run waited for; gzipOverlapped: its own wall time
      split: { selectEncode: t.prepareMs, gzip: t.gzipWaitMs, gzipOverlapped: t.gzipMs, hashDelete: t.commitMs, reclaim: t.reclaimMs },
      pages: { before: run.space.pagesBefore, afterDelete: run.space.pagesAfterDelete, afterReclaim: run.space.pagesAfterReclaim },
    };
  };
}

// The peers' work through a small driver: all(sql, params) -> rows, run(sql, params) -> changes, exec(sql), value(sql).
async function peerArchive(driver, groupId, peerGzip) {
  const { nodeCodec } = await import('../../js/archive/codec.node.js');
  const compress = peerGzip === 'pieces' ? (ndjson) => nodeCodec.gzip(ndjson, zlib.crc32(ndjson)) : (ndjson) => zlib.gzipSync(ndjson, { level: 6 });
  const cutoff = Date.now() - 365 * DAY;
  const split = { selectEncode: 0, gzip: 0, hashDelete: 0, reclaim: 0 };
  const pages = { before: driver.value('PRAGMA page_count') };
  let archived = 0, chunks = 0, gzipBytes = 0;
  for (let more = true; more; ) {
    let t = performance.now();
    const rows = driver.all('SELECT id, type, actor_id, target_id, ts, amount, currency, metadata FROM events ' +
      'WHERE group_id = ? AND ts < ? ORDER BY ts, id LIMIT ?', [groupId, cutoff, CHUNK + 1]);
    if (rows.length === 0) break;
    more = rows.length > CHUNK; // one row past the chunk says whether this is the last one
    if (more) rows.pop();
    let text = '';
    for (const [id, type, actorId, targetId, ts, amount, currency, metadata] of rows) {
      text += `{"id":${id},"groupId":${JSON.stringify(groupId)},"type":${JSON.stringify(type)},"actorId":${actorId},` +
        `"targetId":${targetId},"ts":${ts},"amount":${amount},"currency":${currency === null ? null : JSON.stringify(currency)},"metadata":${metadata}}\n`;
    }
    const ndjson = Buffer.from(text);
    split.selectEncode += performance.now() - t;
    t = performance.now();
    const gzip = await compress(ndjson);
    split.gzip += performance.now() - t;
    t = performance.now();
    const sha256 = crypto.createHash('sha256').update(gzip).digest('hex');
    const first = rows[0], last = rows.at(-1);
    if (driver.file) driver.exec(PEER_SPILL[0]);
    driver.exec('BEGIN');
    const deleted = driver.run('DELETE FROM events WHERE group_id = ? AND ts BETWEEN ? AND ? AND (ts > ? OR id >= ?) AND (ts < ? OR id <= ?)',
      [groupId, first[4], last[4], first[4], first[0], last[4], last[0]]);
    if (deleted !== rows.length) throw new Error(`deleted ${deleted}, not ${rows.length}`);
    driver.run('INSERT INTO archives (group_id, from_ts, to_ts, event_count, byte_size, sha256, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [groupId, first[4], last[4], rows.length, gzip.length, sha256, gzip]);
    if (!more) { // as edgetally does: the last chunk's transaction also gives the free pages back
      pages.afterDelete = driver.value('PRAGMA page_count');
      const v = performance.now();
      driver.exec('PRAGMA incremental_vacuum');
      split.reclaim = performance.now() - v;
      t += split.reclaim;
    }
    driver.exec('COMMIT');
    if (driver.file) driver.exec(PEER_SPILL[1]);
    split.hashDelete += performance.now() - t;
    archived += rows.length, chunks++, gzipBytes += gzip.length;
  }
  pages.afterDelete ??= driver.value('PRAGMA page_count');
  pages.afterReclaim = driver.value('PRAGMA page_count');
  return { archived, chunks, gzipBytes, split, pages };
}

async function runBetterSqlite3(fixture, { groupId }, peerGzip) {
  const { default: Database } = await import('better-sqlite3');
  return async () => {
    const copy = copyFixture(fixture, 'better-sqlite3');
    const db = new Database(copy.file);
    db.exec(PEER_CACHE);
    const cache = new Map();
    const stmt = (sql) => cache.get(sql) ?? cache.set(sql, db.prepare(sql)).get(sql);
    const driver = {
      file: true,
      all: (sql, params) => stmt(sql).raw().all(...params),
      run: (sql, params) => stmt(sql).run(...params).changes,
      exec: (sql) => db.exec(sql),
      value: (sql) => db.prepare(sql).pluck().get(),
    };
    const c0 = process.cpuUsage(), t0 = performance.now();
    const out = await peerArchive(driver, groupId, peerGzip);
    const ms = performance.now() - t0, cpuMs = cpuSince(c0);
    db.close();
    fs.rmSync(copy.dir, { recursive: true, force: true });
    return { ms, cpuMs, ...out };
  };
}

// sql.js holds the database in memory: its archive run is durable only once the image is on
// disk, so (for the same durability as the other stacks, whose commits fsync) the run ends by
// writing the exported image to a new file, fsyncing it and renaming it over the store's file,
// as a sql.js app that persists to a file does. Returns the ms taken, export included (the split's "persist").
function persistImage(exportImage, file) {
  const t = performance.now();
  const image = exportImage();
  const fd = fs.openSync(`${file}.tmp`, 'w');
  fs.writeSync(fd, image);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(`${file}.tmp`, file);
  return performance.now() - t;
}

async function runSqlJs(fixture, { groupId }, peerGzip) {
  const { default: initSqlJs } = await import('sql.js');
  const SQL = await initSqlJs();
  const bytes = fs.readFileSync(path.join(fixture, 'peer.sqlite3'));
  return async () => {
    const db = new SQL.Database(new Uint8Array(bytes)); // a copy: sql.js keeps the array it is given
    const driver = {
      all(sql, params) {
        const s = db.prepare(sql);
        s.bind(params);
        const rows = [];
        while (s.step()) rows.push(s.get());
        s.free();
        return rows;
      },
      run(sql, params) {
        db.run(sql, params);
        return db.getRowsModified();
      },
      exec: (sql) => db.exec(sql),
      value: (sql) => db.exec(sql)[0].values[0][0],
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edgetally-archival-'));
    const c0 = process.cpuUsage(), t0 = performance.now();
    const out = await peerArchive(driver, groupId, peerGzip);
    out.split.persist = persistImage(() => db.export(), path.join(dir, 'peer.sqlite3'));
    const ms = performance.now() - t0, cpuMs = cpuSince(c0);
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    return { ms, cpuMs, ...out };
  };
}

async function child(stack, fixture, runs, peerGzip) {
  const meta = JSON.parse(fs.readFileSync(path.join(fixture, 'meta.json'), 'utf8'));
  const once = await { edgetally: runEdgetally, 'sql.js': runSqlJs, 'better-sqlite3': runBetterSqlite3 }[stack](fixture, meta, peerGzip);
  const cold = await once();
  const warm = [];
  for (let i = 0; i < runs; i++) warm.push(await once());
  const typical = warm.sort((a, b) => a.ms - b.ms)[Math.floor(warm.length / 2)];
  console.log(JSON.stringify({ stack, coldMs: cold.ms, warmMs: median(warm.map((w) => w.ms)), warmMinMs: Math.min(...warm.map((w) => w.ms)),
    warmCpuMs: median(warm.map((w) => w.cpuMs)), cold, warm: typical }));
}

// --- the parent ---

export async function runArchival({ events = 1_000_000, runs = 3, peerGzip = 'sync', log = console.error } = {}) {
  const fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'edgetally-archival-fixture-'));
  try {
    const meta = await buildFixture(fixture, events, log);
    fs.writeFileSync(path.join(fixture, 'meta.json'), JSON.stringify(meta));
    const results = [];
    for (const stack of STACKS) {
      log(`  archival: ${stack} (fresh process, cold + ${runs} runs)`);
      const out = execFileSync(process.execPath, [SELF, '--child', stack, '--fixture', fixture, '--runs', String(runs), '--peer-gzip', peerGzip], {
        encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24,
      });
      results.push(JSON.parse(out.trim().split('\n').at(-1)));
    }
    return { events, old: meta.old, peerGzip, load: os.loadavg().map((v) => v.toFixed(2)).join(' '), results };
  } finally {
    fs.rmSync(fixture, { recursive: true, force: true });
  }
}

const f = (ms) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)).padStart(7);

export function printArchival({ events, old, peerGzip = 'sync', load, results }) {
  console.log(`\nArchival: the ${old} events older than 365 days out of ${events} (chunks of ${CHUNK}), load ${load}`);
  console.log('same work: select in (ts, id) order, NDJSON, gzip level 6, SHA-256 of the gzip, delete + store per chunk in one ' +
    'transaction (the last one also runs incremental_vacuum), durable at the end (file stacks: synchronous=FULL commits; ' +
    'sql.js: its exported image written and fsynced); warm split: select+encode / gzip / hash+delete+commit / reclaim / ' +
    'persist; cpu: the whole process (every thread, node:zlib\'s pool included), warm median');
  console.log('gzip: edgetally deflates 1 MiB pieces at once on libuv\'s pool while its engine encodes the next chunk or commits ' +
    'the one before (its gzip column is the part it waited for; the compression\'s own wall time in brackets); the peers: ' +
    (peerGzip === 'pieces' ? 'the same pieced gzip, awaited (parallel, no overlap)' : 'one zlib.gzipSync per chunk (single-threaded; --peer-gzip pieces gives them edgetally\'s)') +
    '; the file peers run with edgetally\'s cache_size and in-commit cache_spill');
  console.log(`${'stack'.padEnd(16)}${'cold ms'.padStart(9)}${'warm ms'.padStart(9)}${'min ms'.padStart(9)}${'cpu ms'.padStart(9)}   split (warm)                                archived  pages before -> after delete -> after reclaim`);
  const base = results.find((r) => r.stack === 'edgetally');
  for (const r of results) {
    const s = r.warm.split, p = r.warm.pages;
    const ratio = r === base ? '' : `  (edgetally ${(r.warmMs / base.warmMs).toFixed(2)}x faster, ${(r.warmCpuMs / base.warmCpuMs).toFixed(2)}x less cpu)`;
    console.log(`${r.stack.padEnd(16)}${f(r.coldMs)}  ${f(r.warmMs)}  ${f(r.warmMinMs)}  ${f(r.warmCpuMs)}   ${f(s.selectEncode)}${f(s.gzip)}${f(s.hashDelete)}${f(s.reclaim)}${f(s.persist ?? 0)}  ` +
      `${String(r.warm.archived).padStart(7)}  ${p.before} -> ${p.afterDelete} -> ${p.afterReclaim}${ratio}` +
      (s.gzipOverlapped === undefined ? '' : `  [gzip's own wall ${Math.round(s.gzipOverlapped)} ms, overlapped]`));
    if (r.warm.archived !== old) console.log(`  ${r.stack}: archived ${r.warm.archived}, expected ${old}`);
  }
}

if (process.argv[1] === SELF) {
  const { values } = parseArgs({
    options: { child: { type: 'string' }, fixture: { type: 'string' }, runs: { type: 'string', default: '3' }, events: { type: 'string', default: '1000000' },
      'peer-gzip': { type: 'string', default: 'sync' } },
  });
  const peerGzip = values['peer-gzip'];
  if (!['sync', 'pieces'].includes(peerGzip)) throw new Error(`--peer-gzip is sync or pieces, not ${peerGzip}`);
  if (values.child) await child(values.child, values.fixture, Number(values.runs), peerGzip);
  else printArchival(await runArchival({ events: Number(values.events), runs: Number(values.runs), peerGzip }));
}
