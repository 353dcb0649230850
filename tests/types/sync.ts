// Type-checks the sync option, the sync methods of a Store, and edgetally/server, through the
// package's exports. Each @ts-expect-error line must be a type error.
import { open, type DeadLetter, type ParkedChunk, type SyncStatus } from 'edgetally';
import { createSyncServer, issueToken, verifyToken } from 'edgetally/server';

async function client(): Promise<void> {
  const store = await open({ name: 'app', sync: { url: 'https://api.example.test', getToken: async (groupId) => `t-${groupId}`, intervalMs: 30000, maxInFlight: 2 } });
  const round = await store.sync();
  if (round && round.error) void `${round.error.kind}: ${round.error.message}`;
  if (round) void [round.chunksSent, round.chunksStored, round.chunksDuplicate, round.chunksParked];
  const status: SyncStatus = await store.getSyncStatus();
  void [status.pendingCount, status.pendingBytes, status.oldestPendingAt, status.lastSuccessAt, status.nextRetryAt, status.deadLetterCount];
  const parked: ParkedChunk[] = status.parkedChunks ?? [];
  void [status.chunksPending, status.chunksUploaded, status.chunksParked, parked.map((p) => `${p.sha256}: ${p.reason}`)];
  const stop = store.onSyncStatus((s) => void s.lastError?.kind);
  stop();
  const letters: DeadLetter[] = await store.listDeadLetters({ groupId: 'g' });
  await store.retryDeadLetter({ recordIds: letters.map((l) => l.recordId) });
  await store.discardDeadLetter({});
  // @ts-expect-error getToken is required
  await open({ sync: { url: 'https://x.test' } });
}

async function server(): Promise<void> {
  const sync = await createSyncServer({ secret: 'a-secret-of-16+chars', database: 'postgres://u@127.0.0.1/db', rateLimit: { perSecond: 5 } });
  void sync.handler;
  const s3 = await createSyncServer({ secret: 'a-secret-of-16+chars', archives: 's3://bucket/prefix', s3: { endpoint: 'http://127.0.0.1:9000', region: 'us-east-1' } });
  await s3.close();
  const token: string = issueToken({ secret: 'a-secret-of-16+chars', groupId: 'g', expiresInSeconds: 60 });
  const verdict = verifyToken({ secret: 'a-secret-of-16+chars', token });
  if (verdict.ok) void verdict.claims.groupId;
  // @ts-expect-error expiresInSeconds is required
  issueToken({ secret: 's', groupId: 'g' });
  await sync.close();
}

void [client, server];
