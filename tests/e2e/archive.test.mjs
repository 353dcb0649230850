// Archival in each browser engine (engines.mjs): the engine runs in the dedicated Worker, which
// gzips the chunk with CompressionStream; the chunk reads back verified (its events) and its
// gzip bytes, transferred to the page, hash (crypto.subtle) to the chunk's SHA-256 and inflate
// (DecompressionStream) to one NDJSON line per event. Metrics do not change.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ENGINES, useBrowser } from './engines.mjs';
import { inPage, storePage } from './store-page.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

const archiveInPage = async () => {
  const DAY = 86400000;
  const store = await window.edgetally.open({ name: `archive-${Math.random().toString(36).slice(2)}`, storage: 'memory' });
  const { id: groupId } = await store.createGroup({ name: 'G', plan: 'enterprise' });
  const now = Date.now();
  const events = Array.from({ length: 120 }, (_, i) => ({ type: i % 2 ? 'view' : 'payment', amount: i, ts: now - 500 * DAY + i * DAY, metadata: { i } }));
  events.push({ type: 'view', ts: now - DAY });
  await store.logEvents({ groupId, events });
  const before = (await store.getGroupMetrics({ groupId }))._computed;
  const run = await store.archiveGroupEvents({ groupId, maxEvents: 40 });
  const after = (await store.getGroupMetrics({ groupId }))._computed;
  const chunk = run.chunks[0];
  const read = await store.readArchive({ chunkId: chunk.chunkId });
  const gzip = await store.exportArchive({ chunkId: chunk.chunkId });
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', gzip));
  const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  const inflated = await new Response(new Blob([gzip]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  await store.close();
  return {
    archived: run.archived,
    chunks: run.chunks.map((c) => c.events),
    sameMetrics: JSON.stringify(before) === JSON.stringify(after),
    readEvents: read.events.length,
    firstTs: read.events[0].ts - (now - 500 * DAY),
    hashMatches: hex === chunk.sha256,
    lines: inflated.trim().split('\n').length,
  };
};

for (const engine of ENGINES) {
  describe(`archival (${engine})`, () => {
    const ctx = useBrowser(engine, { serve: root });

    test('archives in the worker with CompressionStream and reads a chunk back verified', async () => {
      const page = await storePage(ctx.browser, ctx.server);
      const result = await inPage(page, archiveInPage);
      assert.deepEqual(result, {
        ok: true,
        // 120 events 500..381 days old, in chunks of 40; the recent one stays
        value: { archived: 120, chunks: [40, 40, 40], sameMetrics: true, readEvents: 40, firstTs: 0, hashMatches: true, lines: 40 },
      });
      await page.close();
    });
  });
}
