// Types of the public API of "edgetally" (both the browser and the Node entry points).

export type StorageKind = 'auto' | 'opfs' | 'indexeddb' | 'node' | 'memory';

export interface OpenOptions {
  /** Store name: 1-128 of letters, digits, '.', '_', '-'; no '..'. Default "default". */
  name?: string;
  /**
   * 'auto' (default): in browsers OPFS, else IndexedDB (where OPFS sync access handles are
   * missing), else memory (persistent false, unless requirePersistence); files in Node.
   * 'indexeddb' forces the IndexedDB backend. 'memory' keeps nothing.
   */
  storage?: StorageKind;
  /** Reject with STORAGE_UNAVAILABLE instead of opening a store that does not survive a reload. */
  requirePersistence?: boolean;
  /** Node only: the directory holding the store's files. Default ".edgetally". */
  path?: string;
  /** Browsers only: URL of the worker script, when a bundler or server moves it. */
  workerUrl?: string | URL;
  /** Browsers only: URL of edgetally.wasm, when a bundler or server moves it. */
  wasmUrl?: string | URL;
  /**
   * 'none' (default): a damaged page is found when it is first read. 'quick': every page's
   * checksum is checked before the store opens (CORRUPT_DATABASE naming the page).
   */
  verify?: 'none' | 'quick';
  /**
   * Browsers only, default true: tabs of this origin share a persistent store. The first tab
   * owns it (a Web Lock) and the others' calls go to that tab; when it closes or crashes another
   * takes over. false: this tab opens the store itself and a second opener gets STORE_LOCKED.
   */
  shareTabs?: boolean;
  /** Node only: run the engine in a worker_threads Worker of the store's own. Default false. */
  worker?: boolean;
  /** Sync usage records to a server speaking docs/PROTOCOL.md (e.g. edgetally/server). */
  sync?: SyncOptions;
}

export interface SyncOptions {
  /** The server's base URL (requests go to `${url}/v1/...`). */
  url: string;
  /** A bearer token for the group; called again once after a 401. */
  getToken: (groupId: string) => Promise<string>;
  /** A round every intervalMs (default 60000; 0: none). */
  intervalMs?: number;
  /** Delay from a local write to its round (default 200). */
  debounceMs?: number;
  /** Batch caps (defaults 1000 records, 512 KiB). */
  maxBatchRecords?: number;
  maxBatchBytes?: number;
  /** Batches of a group sent before the first is answered (default 2, 1 to 8). */
  maxInFlight?: number;
  /** Per-request timeout (default 30000). */
  requestTimeoutMs?: number;
  /** Retry schedule after a failed round: full jitter under min(maxMs, baseMs * 2^n) (defaults 1000, 60000). */
  backoff?: { baseMs?: number; maxMs?: number };
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Where `online` is heard (default: globalThis when it has addEventListener). */
  environment?: EventTarget;
  /** Where `visibilitychange` is heard (default: globalThis.document). */
  document?: EventTarget;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
}

export type SyncErrorKind = 'offline' | 'auth' | 'server' | 'rejected' | 'local';

export interface SyncError {
  kind: SyncErrorKind;
  code: string;
  message: string;
  /** HTTP status, when the server answered. */
  status?: number;
  at?: number;
}

export interface SyncStatus {
  state: 'idle' | 'syncing' | 'waiting' | 'stopped' | 'disabled';
  pendingCount: number;
  /** The pending records' size on the wire (their CloudEvents). */
  pendingBytes: number;
  oldestPendingAt: number | null;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastError: SyncError | null;
  nextRetryAt: number | null;
  deadLetterCount: number;
  /** Archive chunks still owed to the server (parked ones not counted), uploaded, and parked
   * (present when sync is configured and the engine archives). */
  chunksPending?: number;
  chunksUploaded?: number;
  chunksParked?: number;
  /** Chunks the server refused for good, with its reason (kept for the life of the store's sync client). */
  parkedChunks?: ParkedChunk[];
}

export interface ParkedChunk {
  id: number;
  groupId: string;
  sha256: string;
  /** The server's code (hash_mismatch, http_409, ...) or local_hash_mismatch. */
  code: string;
  reason: string;
  parkedAt: number;
}

export interface SyncRoundResult {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  parked: number;
  batches: number;
  /** Archive chunks PUT, newly stored, already held (delivered), and parked in this round. */
  chunksSent: number;
  chunksStored: number;
  chunksDuplicate: number;
  chunksParked: number;
  error: SyncError | null;
  retryAfterMs: number | null;
}

export interface DeadLetter {
  groupId: string;
  recordId: string;
  metric: Metric;
  amount: number;
  /** The server's reason code (invalid_record, id_conflict, http_400, ...). */
  code: string;
  reason: string;
  parkedAt: number;
}

/** A built-in plan id (suggested by editors) or a custom plan's id (see definePlans). */
export type PlanId = 'starter' | 'pro' | 'enterprise' | (string & {});

export type Metric =
  | 'users'
  | 'storage_gb'
  | 'api_calls_per_month'
  | 'entities_total'
  | 'connections_total'
  | 'events_retention_days';
export type Period = 'daily' | 'monthly' | 'annual';
/** A limit per metric: a number, or null for unlimited. storage_gb is in bytes. */
export type Limits = Record<Metric, number | null>;

export interface BillingAnchor {
  /** 1-31: monthly periods start on this day, clamped to short months. */
  day: number;
  /** 1-12: annual periods start on day/month. Default 1. */
  month?: number;
}

export interface Group {
  id: string;
  name: string;
  plan: PlanId;
  overrides: Partial<Limits>;
  billingAnchor: Required<BillingAnchor>;
  createdAt: number;
}

export interface Plan {
  id: string;
  name: string;
  /** Monthly price in cents. */
  priceCents: number;
  limits: Limits;
}

export type QuotaStatusLevel = 'ok' | 'warning' | 'exceeded';

export interface MetricQuota {
  current: number;
  /** null when unlimited */
  limit: number | null;
  unlimited: boolean;
  percentUsed: number;
  /** null when unlimited */
  remaining: number | null;
  status: QuotaStatusLevel;
  /** Counters only (api_calls_per_month); null for levels. */
  periodStart: number | null;
  periodEnd: number | null;
  nextResetAt: number | null;
}

export interface GroupQuotas {
  plan: PlanId;
  quotas: Record<Metric, MetricQuota>;
  warnings: Array<{ metric: Metric; percentUsed: number; current: number; limit: number | null; status: QuotaStatusLevel }>;
  summary: { allOk: boolean; warningCount: number; exceededCount: number };
}

export interface PreflightResult {
  reason: string | null;
  suggestion: string | null;
  /** null when unlimited */
  remaining: number | null;
}

export interface UsageRecordResult {
  recordId: string;
  /** false when a record with this recordId was already in the ledger (a replay counts once) */
  recorded: boolean;
  duplicate: boolean;
}

export interface UsageArgs {
  groupId: string;
  metric: Metric;
  /** Default 'monthly'. */
  period?: Period;
  /**
   * Your stable id for the record, scoped to the group: a replay with the same metric, amount
   * and period counts once; the same id with other content rejects with IDEMPOTENCY_CONFLICT
   * (a ValidationError) and records nothing. Generated when absent.
   */
  recordId?: string;
  /** When the usage happened (ms UTC), for records made offline. Default now. */
  timestamp?: number;
}

export interface StoreChange {
  type: 'change';
  /** the operation that committed */
  op: string;
  groupId?: string;
}

export interface QuotaAlert {
  type: 'quota';
  groupId: string;
  metric: Metric;
  status: 'warning' | 'exceeded';
  percentUsed: number;
  current: number;
  limit: number | null;
  periodStart: number | null;
}

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

export interface NewThing {
  type: string;
  name: string;
  properties?: JsonObject;
}

export interface Thing {
  id: number;
  groupId: string;
  type: string;
  name: string;
  status: string;
  properties: JsonObject;
  createdAt: number;
  updatedAt: number;
}

export interface RowError {
  index: number;
  line?: number;
  field: string;
  code: string;
  message: string;
}

export interface BatchSummary {
  failed: number;
  errors: RowError[];
  summary: { total: number; success: number; failed: number };
}
export interface BatchInsertResult extends BatchSummary {
  created: number[];
}
export interface BatchUpdateResult extends BatchSummary {
  updated: number[];
  /** Things whose values the update left the same (nothing written, no event). */
  unchanged: number[];
}

export interface BatchOptions {
  /** 'atomic' (default): any invalid row means nothing is written. 'partial': valid rows land. */
  mode?: 'atomic' | 'partial';
  /** Trusted sources: skip the store's validation rules and schemas (the row shape is still checked). */
  skipValidation?: boolean;
}

export interface BatchProgress {
  rowsDone: number;
  created: number;
  failed: number;
  /** batchInsertThings: the array's length */
  rowsTotal?: number;
}

export interface ImportProgress extends BatchProgress {
  bytesDone: number;
  /** when the source's size is known (bytes, strings, Blob/File, Node file streams) */
  bytesTotal?: number;
}

export interface ChunkOptions<P> {
  onProgress?: (progress: P) => void;
  signal?: AbortSignal;
  /** rows per slice (batchInsertThings, default 20,000) or bytes per chunk for in-memory files (default 1 MiB) */
  chunkSize?: number;
}

export type Coercion = 'string' | 'number' | 'integer' | 'boolean' | 'json';

export interface ImportMapping {
  /** column or key holding the name (default "name") */
  name?: string;
  /** column or key holding the type (otherwise `type` for every row) */
  type?: string;
  /** property -> column (text) or {column, as}; without it every other column becomes a text property */
  properties?: Record<string, string | { column: string; as?: Coercion }>;
}

export type ImportSource = Uint8Array | ArrayBuffer | ArrayBufferView | string | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

export interface ImportFileArgs extends BatchOptions, ChunkOptions<ImportProgress> {
  groupId: string;
  file: ImportSource;
  /** inferred from a File's name or a Node file stream's path (.csv, .ndjson/.jsonl, .json) when absent */
  format?: 'csv' | 'ndjson' | 'json';
  /** the type of every imported thing (unless mapping.type names a column); without either, each row's `type` column or key */
  type?: string;
  mapping?: ImportMapping;
  /** CSV: one character, default ',' */
  delimiter?: string;
  /** CSV: the first row names the columns (required; default true) */
  hasHeader?: boolean;
}

export interface NewConnection {
  fromId: number;
  toId: number;
  type: string;
  metadata?: JsonObject;
}

export interface ThingUpdate {
  id: number;
  name?: string;
  type?: string;
  status?: string;
  /** A shallow patch: keys are set; a key set to null is removed. */
  properties?: { [key: string]: JsonValue };
}

export interface FieldRule {
  type?: 'any' | 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  required?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
}

export interface ValidationRules {
  /** Types a thing may have; null or absent: any. */
  allowedTypes?: string[] | null;
  /** Per type, rules for fields of `properties`. */
  schemas?: Record<string, Record<string, FieldRule>>;
}

export interface StoreInfo {
  deviceId: string;
  schemaVersion: number;
  sqliteVersion: string;
}

/** One event for logEvents. `ts` defaults to now; `amount` (integer minor units) is required for payment and refund. */
export interface NewEvent {
  type: 'view' | 'like' | 'comment' | 'share' | 'follow' | 'unfollow' | 'payment' | 'refund' | (string & {});
  actorId?: number;
  targetId?: number;
  ts?: number;
  amount?: number;
  currency?: string;
  metadata?: Record<string, unknown>;
}

export interface LogEventsResult {
  logged: number[];
  failed: number;
  errors: RowError[];
  summary: { total: number; success: number; failed: number };
}

export interface CreatorComputed {
  totalFollowers: number;
  totalContent: number;
  totalRevenue: number;
  revenueThisMonth: number;
  totalViews: number;
  totalLikes: number;
  totalComments: number;
  engagementRate: number;
  lastActive: number | null;
  avgRevenuePerContent: number;
  activeDays30: number;
}

export interface GroupComputed {
  totalEntities: number;
  entitiesByType: Record<string, number>;
  totalConnections: number;
  activeUsers: number;
  activeUsers7d: number;
  eventsToday: number;
  events7d: number;
  events30d: number;
  eventsPrev30d: number;
  storageUsedMB: number;
  revenueThisMonth: number;
  topContentByEngagement: Array<{ id: number; name: string; score: number }>;
  trendingUp: boolean;
  trendPct: number;
  eventsPerActiveUser30d: number;
}

export interface Relationship {
  connectionId: number;
  type: string;
  direction: 'outgoing' | 'incoming';
  thing: { id: number; type: string; name: string };
  metadata: Record<string, unknown>;
  createdAt: number;
}

export interface RelationshipPage {
  total: number;
  items: Relationship[];
  /** Opaque; pass to getThingRelationshipsPaginated for the next page. null: no more. */
  nextCursor: string | null;
}

export interface ActivityItem {
  /** The event's id; null for the thing's "created" entry. */
  id: number | null;
  type: string;
  actorId: number | null;
  ts: number;
  amount?: number;
  currency?: string;
  metadata: Record<string, unknown>;
}

/** What a store is stored on; given to onStorage listeners now and whenever it changes. */
export interface StorageStatus {
  type: 'storage';
  storage: Exclude<StorageKind, 'auto'>;
  /** True only while what is written survives a reload. */
  persistent: boolean;
  /** Why 'auto' did not get OPFS, or why the last save failed. */
  reason?: string;
}

/** One archived chunk (README "Archival"). bytes: of the gzip body. */
export interface ArchiveChunk {
  chunkId: number;
  groupId: string;
  fromTs: number;
  toTs: number;
  events: number;
  bytes: number;
  sha256: string;
  state?: 'pending' | 'uploaded';
  createdAt?: number;
  uploadedAt?: number | null;
  bodyKept?: boolean;
}
/** One archived event: a line of a chunk's NDJSON (format v1). */
export interface ArchivedEvent {
  id: number;
  groupId: string;
  type: string;
  actorId: number | null;
  targetId: number | null;
  ts: number;
  amount: number | null;
  currency: string | null;
  metadata: Record<string, unknown>;
}
export interface ArchiveRunArgs {
  groupId: string;
  /** Events older than this many days are archived: 1 .. the plan's events_retention_days. */
  daysCutoff?: number;
  /** Bounds of one chunk: events (default 50,000) and NDJSON bytes (default 16 MiB). */
  maxEvents?: number;
  maxBytes?: number;
}
export interface ArchiveSpace {
  pagesBefore: number;
  pagesAfterDelete: number;
  freePagesAfterDelete: number;
  pagesAfterReclaim: number;
  pageSize: number;
  /** 'incremental_vacuum' (stores created since archival) or 'reuse' (older stores). */
  reclaim: 'incremental_vacuum' | 'reuse';
}
export interface ArchiveGroupResult {
  groupId: string;
  daysCutoff: number;
  cutoffTs: number;
  archived: number;
  chunks: ArchiveChunk[];
  space: ArchiveSpace;
  /** Where the run's time went, ms (informative): select + encode, gzip, hash + commit, reclaim (gzip overlaps the next chunk's encoding: the parts may sum to more than the run; gzipWaitMs is the part of gzipMs the run waited for). */
  timing: { prepareMs: number; gzipMs: number; gzipWaitMs: number; commitMs: number; reclaimMs: number };
}
export interface ArchiveBatchResult {
  groupId: string;
  daysCutoff: number;
  cutoffTs: number;
  archived: number;
  chunk: ArchiveChunk | null;
  more: boolean;
}
export interface DailyArchivalResult {
  ranAt: number;
  archived: number;
  bodiesDropped: number;
  groups: { groupId: string; daysCutoff: number; archived: number; chunks: number; error: { code: string; message: string } | null }[];
}
export interface ArchivalSchedule {
  dailyAtUtc: string | null;
  nextRunAt: number | null;
  due: boolean;
  lastDailyRunAt: number | null;
  keepUploadedDays: number;
}
export interface ArchivalGroupStatus {
  groupId: string;
  daysCutoff: number;
  cutoffTs: number;
  policyDaysCutoff: number | null;
  retentionDays: number | null;
  eventsDue: number;
  eventsArchived: number;
  lastRun: { at: number; outcome: 'ok' | 'aborted' | 'error'; archived: number; error: string | null } | null;
  lastError: string | null;
  chunks: { total: number; local: number; pending: number; uploaded: number; bodiesDropped: number };
  bytesLocal: number;
  bytesTotal: number;
}
export interface ArchivalStatus {
  groups: ArchivalGroupStatus[];
  schedule: ArchivalSchedule;
  space: { pages: number; freePages: number; pageSize: number; reclaim: 'incremental_vacuum' | 'reuse' };
}

export declare class Store {
  readonly name: string;
  /** The storage chosen ('auto' resolved). */
  readonly storage: Exclude<StorageKind, 'auto'>;
  /** True only while what is written survives a reload: false for memory, or after a failed save. */
  readonly persistent: boolean;
  readonly storageStatus: StorageStatus;
  readonly deviceId: string;
  readonly schemaVersion: number;
  info(): Promise<StoreInfo>;
  /** SQLite's full integrity check of the store's file. */
  checkIntegrity(): Promise<{ ok: boolean; problems: string[] }>;
  createGroup(args: {
    id?: string;
    name: string;
    plan: PlanId;
    overrides?: Partial<Limits>;
    billingAnchor?: BillingAnchor;
  }): Promise<Group>;
  getGroup(args: { groupId: string }): Promise<Group>;
  insertThing(args: { groupId: string } & NewThing): Promise<Thing>;
  /**
   * Atomic by default: when any row is invalid, nothing is written and `errors` lists every bad
   * row. Arrays over `chunkSize` rows, or calls with onProgress/signal, run in slices: progress
   * per slice, and cancelling leaves nothing (atomic) or the slices done (partial); a cancelled
   * call rejects with AbortedError. A slice that does not fit the quota leaves nothing written
   * in either mode, as the same array in one call would.
   */
  batchInsertThings(args: { groupId: string; things: NewThing[] } & BatchOptions & ChunkOptions<BatchProgress>): Promise<BatchInsertResult>;
  /**
   * Imports a CSV, NDJSON or JSON-array file in chunks, with bounded memory. Rows become things
   * through `mapping`; row errors carry their line. Rejects with ValidationError for a file-level
   * problem (details.rule: binary_data, unterminated_quote, empty_input, no_rows, not_an_array,
   * unknown_column, ...), QuotaExceededError, or AbortedError when cancelled. In partial mode
   * the chunks committed before such a rejection are kept, and the error's `details.result`
   * is their BatchInsertResult (created ids, errors, summary).
   */
  importFile(args: ImportFileArgs): Promise<BatchInsertResult & { cancelled: boolean }>;
  /** Connections between existing things of the group; a (fromId, toId, type) exists once. */
  batchCreateConnections(args: { groupId: string; connections: NewConnection[] } & BatchOptions): Promise<BatchInsertResult>;
  /** Updates with change tracking: one "thing_updated" event per changed thing, with before/after. */
  batchUpdateThings(args: { groupId: string; updates: ThingUpdate[] } & BatchOptions): Promise<BatchUpdateResult>;
  /** Replaces the store's validation rules for things; returns them. */
  setValidationRules(args: { rules: ValidationRules }): Promise<Required<ValidationRules>>;
  getValidationRules(args?: Record<string, never>): Promise<Required<ValidationRules>>;
  getThing(args: { thingId: number }): Promise<Thing>;
  countThings(args: { groupId: string; type?: string }): Promise<number>;

  /** Every metric against the group's plan. Reads only. */
  getGroupQuotas(args: { groupId: string }): Promise<GroupQuotas>;
  /** Pre-flight before creating `count` entities; reserves nothing. */
  checkCanCreateEntities(args: { groupId: string; count: number }): Promise<PreflightResult & { canCreate: boolean }>;
  /** Pre-flight before storing `bytes` more; reserves nothing. */
  checkCanStore(args: { groupId: string; bytes: number }): Promise<PreflightResult & { canStore: boolean }>;
  /** Human-readable lines, one per metric, and a summary. */
  getQuotaStatus(args: { groupId: string }): Promise<{ plan: string; lines: string[]; summary: string }>;
  /** Plans that lift every warned or exceeded metric, cheapest first. */
  getUpgradePricing(args: { groupId: string }): Promise<{
    currentPlan: { id: string; name: string; priceCents: number };
    metrics: Metric[];
    options: Array<{ plan: string; name: string; priceCents: number; priceDifferenceCents: number; lifts: Metric[] }>;
  }>;
  /** Appends a usage record (amount: integer >= 0). */
  recordUsage(args: UsageArgs & { amount: number }): Promise<UsageRecordResult>;
  /** Records only if it fits the limit; otherwise rejects with QuotaExceededError. Atomic. */
  enforceQuota(args: UsageArgs & { requestedAmount: number }): Promise<UsageRecordResult>;
  /** Starts a counter's current period over from zero. */
  resetPeriodCounter(args: { groupId: string; metric: Metric; period: Period }): Promise<UsageRecordResult>;
  /** The plan catalogue, cheapest first. */
  listPlans(args?: Record<string, never>): Promise<Plan[]>;
  /** Adds or replaces custom plans (every metric's limit required); returns the catalogue. */
  definePlans(args: { plans: Plan[] }): Promise<Plan[]>;
  /** Moves a group to a plan (with optional per-group limit overrides); takes effect at once. */
  setGroupPlan(args: { groupId: string; plan: PlanId; overrides?: Partial<Limits> }): Promise<Group>;
  /** Warning thresholds in percent per metric (default 80); returns all thresholds. */
  setWarningThresholds(args: { thresholds: Partial<Record<Metric, number>> }): Promise<Record<Metric, number>>;
  /** The server's totals for a group (all devices); quota checks add unacknowledged local records. */
  setServerTotals(args: { groupId: string; totals: Partial<Record<Metric, number>>; asOf?: number }): Promise<{ groupId: string; asOf: number }>;
  /** Marks usage records as acknowledged by the server. */
  /** Marks records as acknowledged by the server: the group's only when groupId is given, else every group's record with each id. */
  acknowledgeUsage(args: { recordIds: string[]; groupId?: string }): Promise<{ acknowledged: number }>;
  /** Runs a sync round now (after the one running); resolves when it ends, failed or not. */
  sync(): Promise<SyncRoundResult | null>;
  /** Outbox counts and the state of sync. */
  getSyncStatus(): Promise<SyncStatus>;
  /** Calls `listener` on every change of the sync status; returns an unsubscribe function. */
  onSyncStatus(listener: (status: SyncStatus) => void): () => void;
  /** Records the server refused for good, oldest first. */
  listDeadLetters(args?: { groupId?: string; limit?: number }): Promise<DeadLetter[]>;
  /** Puts parked records back in the queue (all, or the group's, when no ids are given). */
  retryDeadLetter(args?: { groupId?: string; recordIds?: string[] }): Promise<{ retried: number }>;
  /** Gives parked records up: they stop counting locally (the server never counted them). */
  discardDeadLetter(args?: { groupId?: string; recordIds?: string[] }): Promise<{ discarded: number }>;
  /** Logs events (atomic by default; `partial` writes the valid ones). Every metric's aggregates are updated in the same transaction. */
  logEvents(args: { groupId: string; events: NewEvent[]; mode?: 'atomic' | 'partial' }): Promise<LogEventsResult>;
  /** The creator (a thing) with its 11 metrics (README "Metrics"). */
  getCreatorStats(args: { creatorId: number }): Promise<Thing & { _computed: CreatorComputed }>;
  /** The group with its 15 dashboard metrics (README "Metrics"). */
  getGroupMetrics(args: { groupId: string }): Promise<Group & { _computed: GroupComputed }>;
  /** The thing with its connections both ways, grouped by type, the first `limitPerType` (20) of each. */
  getThingWithRelationships(args: { thingId: number; types?: string[]; limitPerType?: number }): Promise<
    Thing & { relationships: { outgoing: Record<string, RelationshipPage>; incoming: Record<string, RelationshipPage> } }
  >;
  /** One page of a thing's connections, oldest first; cursors stay valid while connections are added. */
  getThingRelationshipsPaginated(args: {
    thingId: number;
    direction: 'outgoing' | 'incoming';
    type?: string;
    cursor?: string;
    limit?: number;
  }): Promise<RelationshipPage>;
  /** A thing's timeline, newest first: events targeting it, "updated", and "created". */
  getThingActivity(args: { thingId: number; types?: string[]; cursor?: string; limit?: number }): Promise<{
    items: ActivityItem[];
    nextCursor: string | null;
  }>;
  /**
   * Archives the group's events older than daysCutoff (default min(365, plan retention)) as
   * gzip NDJSON chunks, deleting them from the hot table in the same transaction; metrics do
   * not change. Progress after each chunk; an aborted signal stops between chunks (AbortedError
   * with details.result).
   */
  archiveGroupEvents(
    args: ArchiveRunArgs & { signal?: AbortSignal; onProgress?: (p: { groupId: string; archived: number; chunks: number; chunk: ArchiveChunk }) => void },
  ): Promise<ArchiveGroupResult>;
  /** One step of archiveGroupEvents: the group's next chunk of old events (chunk null: none left). */
  archiveEventBatch(args: ArchiveRunArgs): Promise<ArchiveBatchResult>;
  /** Runs archiveGroupEvents for every group with its cutoff now, then drops old uploaded bodies. */
  runDailyArchival(args?: {}): Promise<DailyArchivalResult>;
  /** Per group: cutoff, last run and outcome, events archived, chunks and bytes; the schedule. */
  getArchivalStatus(args?: { groupId?: string }): Promise<ArchivalStatus>;
  /** A group's retention in days (null: the default), at most its plan's events_retention_days. */
  setArchivalPolicy(args: { groupId: string; daysCutoff: number | null }): Promise<ArchivalGroupStatus>;
  /** The daily run's UTC time ("HH:MM" or "HH:MM:SS"; null: off) and how long uploaded bodies stay. */
  configureArchival(args: { dailyAtUtc?: string | null; keepUploadedDays?: number }): Promise<ArchivalSchedule>;
  /** The local chunks, oldest first. */
  listArchives(args?: { groupId?: string; limit?: number }): Promise<ArchiveChunk[]>;
  /** A chunk's events, verified against its SHA-256 (CORRUPT_ARCHIVE on a mismatch). */
  readArchive(args: { chunkId: number }): Promise<{ chunk: ArchiveChunk; events: ArchivedEvent[] }>;
  /** A chunk's gzip bytes, verified against its SHA-256, e.g. for a download. */
  exportArchive(args: { chunkId: number }): Promise<Uint8Array>;
  /** Drops the bodies of chunks uploaded more than olderThanDays ago (default keepUploadedDays). */
  pruneArchiveBodies(args?: { olderThanDays?: number }): Promise<{ dropped: number }>;
  /** Called when a metric crosses its warning threshold or limit, once per threshold per period. */
  onQuotaAlert(listener: (alert: QuotaAlert) => void): () => void;
  /** After each committed write, in this tab or another tab sharing the store. */
  onChange(listener: (change: StoreChange) => void): () => void;
  /** When this tab takes over a shared store from a tab that went away. */
  onOwnerChange(listener: (event: { type: 'owner'; isOwner: boolean }) => void): () => void;
  /** Whether this tab runs the store (false: another tab owns it and runs the calls). */
  readonly isOwner: boolean;
  /**
   * Called with the storage status right away and whenever it changes (persistent turns false
   * when a save to IndexedDB fails, true again when one succeeds). Returns an unsubscribe.
   */
  onStorage(listener: (status: StorageStatus) => void): () => void;

  close(): Promise<void>;
}

export declare function open(options?: OpenOptions): Promise<Store>;

import { ErrorCode } from './generated/error-codes.js';
/** Every error code of the core, generated from src/common/error_codes.def. */
export { ErrorCode };
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export declare class EdgeTallyError extends Error {
  readonly code: ErrorCodeValue;
  readonly details: Record<string, unknown>;
}
export declare class ValidationError extends EdgeTallyError {}
export declare class NotFoundError extends EdgeTallyError {}
export declare class StoreUnavailableError extends EdgeTallyError {}
export declare class StorageError extends EdgeTallyError {}
export declare class AbortedError extends EdgeTallyError {}
export declare class QuotaExceededError extends EdgeTallyError {
  readonly metric: Metric;
  readonly limit: number | null;
  readonly current: number;
  readonly requested: number;
  readonly suggestion: string;
}
