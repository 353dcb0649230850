// Types of edgetally/server (js/server/index.js): the reference sync server of docs/PROTOCOL.md.
export interface SyncServerOptions {
  /** HMAC secret for tokens (>= 16 characters); the app's backend uses the same for issueToken. */
  secret: string | Uint8Array;
  /** A SQLite file path (default "edgetally-server.sqlite3") or a postgres:// URL. */
  database?: string;
  /**
   * Where archive chunks go: a directory (default "edgetally-archives"), an S3-compatible bucket as
   * "s3://bucket/prefix" (see `s3`), or a store with put/get/has.
   */
  archives?: string | ArchiveStore;
  /** For an s3:// `archives`: endpoint (default AWS for `region`; a custom one uses path-style URLs), region
   * (default AWS_REGION or us-east-1), credentials (default AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY). */
  s3?: {
    endpoint?: string;
    region?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
    forcePathStyle?: boolean;
  };
  /** Largest usage batch body in bytes (default 4 MiB). */
  maxBodyBytes?: number;
  /** Most records per batch (default 10000). */
  maxBatchRecords?: number;
  /** Largest archive chunk in bytes (default 64 MiB). */
  maxArchiveBytes?: number;
  /** Per-token token bucket (default 50/s, burst 100); false disables. */
  rateLimit?: { perSecond?: number; burst?: number } | false;
  /** PostgreSQL pool size per process (default 10). */
  poolSize?: number;
  /** Called with unexpected errors (default: console.error). */
  onError?: (error: unknown) => void;
  /** Clock in ms (tests). */
  now?: () => number;
}

export interface ArchiveStore {
  put(groupId: string, sha256: string, bytes: Uint8Array): Promise<boolean>;
  get(groupId: string, sha256: string): Promise<Uint8Array | null>;
  has(groupId: string, sha256: string): Promise<boolean>;
  close?(): Promise<void>;
}

export interface SyncServer {
  /** A node:http request handler (mount it in Express, or call it from Fastify with reply.hijack()). */
  // node:http's IncomingMessage and ServerResponse (typed loosely: no dependency on @types/node).
  handler(req: any, res: any): void;
  /** Closes the database and archive store. */
  close(): Promise<void>;
}

export declare function createSyncServer(options: SyncServerOptions): Promise<SyncServer>;

export declare function issueToken(options: {
  secret: string | Uint8Array;
  groupId: string;
  expiresInSeconds: number;
  scope?: 'device' | 'admin';
  now?: number;
}): string;

export declare function verifyToken(options: { secret: string | Uint8Array; token: string; now?: number }):
  | { ok: true; claims: { groupId: string; scope: 'device' | 'admin'; expiresAt: number } }
  | { ok: false; code: 'invalid_token' | 'token_expired' };

export declare const PROTOCOL_VERSION: 1;
export declare const DEFAULTS: Readonly<Required<Omit<SyncServerOptions, 'secret' | 'onError' | 'now' | 's3'>>>;
