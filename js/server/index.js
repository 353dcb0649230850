// edgetally/server: the reference sync endpoint of docs/PROTOCOL.md, as a node:http request
// handler (plain http, Express, Fastify) plus the token helper the app's backend uses. Node only;
// its drivers (better-sqlite3, pg) are loaded on demand and never reach a browser bundle.
import { DirectoryArchives } from './archives/directory.js';
import { s3ArchivesFromUrl } from './archives/s3.js';
import { openBackend } from './db/open.js';
import { createHandler, PROTOCOL_VERSION } from './handler.js';
import { RateLimiter } from './rate-limit.js';

export { issueToken, verifyToken } from './tokens.js';
export { PROTOCOL_VERSION };

export const DEFAULTS = Object.freeze({
  database: 'edgetally-server.sqlite3',
  archives: 'edgetally-archives',
  maxBodyBytes: 4 << 20,
  maxBatchRecords: 10000,
  maxArchiveBytes: 64 << 20,
  rateLimit: Object.freeze({ perSecond: 50, burst: 100 }),
  poolSize: 10,
});

function checkLimit(name, value) {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`${name} must be a positive integer`);
  return value;
}

// A directory path, an s3://bucket/prefix URL (options.s3: endpoint, region, credentials,
// forcePathStyle), or a store object as given.
function archivesOf(archives, s3) {
  if (typeof archives !== 'string') return archives;
  return archives.startsWith('s3://') ? s3ArchivesFromUrl(archives, s3) : new DirectoryArchives(archives);
}

function rateLimiterOf(rateLimit, now) {
  if (rateLimit === false) return null;
  const { perSecond, burst } = { ...DEFAULTS.rateLimit, ...rateLimit };
  if (!(perSecond > 0) || !(burst >= 1)) throw new TypeError('rateLimit needs perSecond > 0 and burst >= 1');
  return new RateLimiter({ perSecond, burst, now });
}

/**
 * Creates the sync server: opens (and migrates) its database and archive store.
 * @param {import('./index.d.ts').SyncServerOptions} options
 * @returns {Promise<{handler: (req: any, res: any) => void, close: () => Promise<void>}>}
 */
export async function createSyncServer(options = {}) {
  const { secret, database = DEFAULTS.database, archives = DEFAULTS.archives, now = Date.now } = options;
  if ((typeof secret !== 'string' && !Buffer.isBuffer(secret)) || secret.length < 16) {
    throw new TypeError('secret must be a string or Buffer of at least 16 characters');
  }
  const onError = options.onError ?? ((error) => console.error('edgetally-server:', error));
  const config = {
    secret,
    now,
    maxBodyBytes: checkLimit('maxBodyBytes', options.maxBodyBytes ?? DEFAULTS.maxBodyBytes),
    maxBatchRecords: checkLimit('maxBatchRecords', options.maxBatchRecords ?? DEFAULTS.maxBatchRecords),
    maxArchiveBytes: checkLimit('maxArchiveBytes', options.maxArchiveBytes ?? DEFAULTS.maxArchiveBytes),
    rateLimiter: rateLimiterOf(options.rateLimit, now),
    onError,
    archives: archivesOf(archives, options.s3),
    backend: await openBackend(database, { poolSize: options.poolSize ?? DEFAULTS.poolSize, onError }),
  };
  let closed = false;
  return {
    handler: createHandler(config),
    async close() {
      if (closed) return;
      closed = true;
      await config.backend.close();
      await config.archives.close?.();
    },
  };
}
