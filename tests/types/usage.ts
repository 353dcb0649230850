// Type-checks index.d.ts the way a TypeScript user consumes the package (self-import by name,
// through package.json "exports"). Each @ts-expect-error line must be a type error: if the
// types got looser, tsc fails on the unused directive.
import {
  EdgeTallyError,
  ErrorCode,
  open,
  QuotaExceededError,
  StorageError,
  type BatchInsertResult,
  type ErrorCodeValue,
  type Store,
  type Thing,
} from 'edgetally';

async function usage(): Promise<void> {
  const store: Store = await open({ name: 'app', storage: 'auto' });
  const group = await store.createGroup({ name: 'Acme', plan: 'pro' });
  const thing: Thing = await store.insertThing({ groupId: group.id, type: 'course', name: 'Intro' });
  const batch: BatchInsertResult = await store.batchInsertThings({
    groupId: group.id,
    things: [{ type: 'course', name: 'A', properties: { price: 1, tags: ['x'] } }],
  });
  const count: number = await store.countThings({ groupId: group.id });
  const again: Thing = await store.getThing({ thingId: thing.id });
  const integrity: boolean = (await store.checkIntegrity()).ok;
  void [batch.summary.success, count, again.properties, integrity, store.deviceId];

  const check = await store.checkCanCreateEntities({ groupId: group.id, count: 1000 });
  if (!check.canCreate) void `${check.reason} - ${check.suggestion}`;
  const quotas = await store.getGroupQuotas({ groupId: group.id });
  const storageLimit: number | null = quotas.quotas.storage_gb.limit;
  const recorded = await store.recordUsage({ groupId: group.id, metric: 'api_calls_per_month', amount: 1, period: 'monthly' });
  const unsubscribe = store.onQuotaAlert((alert) => void alert.percentUsed);
  unsubscribe();
  try {
    await store.enforceQuota({ groupId: group.id, metric: 'entities_total', requestedAmount: 1000 });
  } catch (error) {
    if (error instanceof QuotaExceededError) void [error.limit, error.suggestion];
  }
  void [storageLimit, recorded.duplicate];
  const imported = await store.importFile({
    groupId: group.id,
    file: new Blob(['title,price\nA,1\n']),
    format: 'csv',
    type: 'course',
    mapping: { name: 'title', properties: { price: { column: 'price', as: 'number' } } },
    signal: new AbortController().signal,
    onProgress: (p) => void p.bytesDone,
  });
  void imported.cancelled;
  // @ts-expect-error: not a coercion
  await store.importFile({ groupId: group.id, file: 'x', mapping: { properties: { p: { column: 'p', as: 'date' } } } });
  // @ts-expect-error: not a metric
  await store.recordUsage({ groupId: group.id, metric: 'bandwidth', amount: 1 });
  // @ts-expect-error: not a period
  await store.resetPeriodCounter({ groupId: group.id, metric: 'api_calls_per_month', period: 'weekly' });
  await store.close();

  try {
    await open({ name: 'x' });
  } catch (error) {
    if (error instanceof EdgeTallyError) {
      const code: ErrorCodeValue = error.code;
      if (code === ErrorCode.STORE_LOCKED || error instanceof StorageError) void error.details;
    }
  }

  // @ts-expect-error: unknown storage kind
  await open({ storage: 'cloud' });
  const durable = await open({ name: 'idb', storage: 'indexeddb', requirePersistence: true });
  const persistent: boolean = durable.persistent;
  const stopWatching = durable.onStorage((status) => void [status.storage, status.persistent, status.reason]);
  stopWatching();
  // @ts-expect-error: requirePersistence is a boolean
  await open({ requirePersistence: 'yes' });
  void persistent;
  // @ts-expect-error: thingId is a number
  await store.getThing({ thingId: '1' });
  // @ts-expect-error: things must be an array of NewThing
  await store.batchInsertThings({ groupId: 'g', things: [{ name: 'no type' }] });
  // @ts-expect-error: not a code
  const bad: ErrorCodeValue = 'NOPE';
  void bad;
}
void usage;

// Built-in plan ids stay suggested while custom ids are allowed (PlanId is not widened to string).
import type { OpenOptions, PlanId } from 'edgetally';
const builtIn: PlanId = 'starter';
const custom: PlanId = 'team-2026';
const withUrls: OpenOptions = { name: 'app', workerUrl: '/assets/worker.js', wasmUrl: new URL('https://cdn.invalid/e.wasm') };
// Were PlanId widened to plain string (no suggestions), this Extract would be never.
const notWidened: Extract<PlanId, 'starter' | 'pro' | 'enterprise'> = 'pro';
void [builtIn, custom, withUrls, notWidened];
