#!/usr/bin/env node
// edgetally-server: serves edgetally/server over HTTP, or issues a token. Flags override
// environment variables, which override the defaults:
//   edgetally-server [serve] [--port N] [--host H] [--database PATH|postgres://...] [--archives DIR|s3://BUCKET/PREFIX]
//                    [--s3-endpoint URL] [--s3-region R]
//                    [--secret S | --secret-file F] [--max-body-bytes N] [--max-batch-records N]
//                    [--max-archive-bytes N] [--rate-limit PER_SECOND[:BURST] | --no-rate-limit]
//   edgetally-server token --group G [--expires SECONDS] [--scope device|admin] [--secret ...]
// Environment: EDGETALLY_PORT, EDGETALLY_HOST, EDGETALLY_DATABASE, EDGETALLY_ARCHIVES,
// EDGETALLY_SECRET, EDGETALLY_SECRET_FILE, EDGETALLY_MAX_BODY_BYTES, EDGETALLY_MAX_BATCH_RECORDS,
// EDGETALLY_MAX_ARCHIVE_BYTES, EDGETALLY_RATE_LIMIT ("off" disables), EDGETALLY_S3_ENDPOINT,
// EDGETALLY_S3_REGION; S3 credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { createSyncServer, DEFAULTS, issueToken } from './index.js';

const OPTIONS = {
  port: { type: 'string' }, host: { type: 'string' }, database: { type: 'string' }, archives: { type: 'string' },
  secret: { type: 'string' }, 'secret-file': { type: 'string' }, 'max-body-bytes': { type: 'string' },
  'max-batch-records': { type: 'string' }, 'max-archive-bytes': { type: 'string' }, 'rate-limit': { type: 'string' },
  'no-rate-limit': { type: 'boolean' }, 's3-endpoint': { type: 'string' }, 's3-region': { type: 'string' }, group: { type: 'string' }, expires: { type: 'string' }, scope: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const env = (name) => process.env[`EDGETALLY_${name}`];

function fail(message) {
  console.error(`edgetally-server: ${message}`);
  process.exit(2);
}

function integer(value, name) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`${name} must be a non-negative integer`);
  return n;
}

function secretOf(values) {
  const file = values['secret-file'] ?? env('SECRET_FILE');
  const secret = values.secret ?? env('SECRET') ?? (file ? fs.readFileSync(file, 'utf8').trim() : undefined);
  if (!secret || secret.length < 16) fail('a secret of at least 16 characters is required (--secret, --secret-file, EDGETALLY_SECRET)');
  return secret;
}

function rateLimitOf(values) {
  const text = values['no-rate-limit'] ? 'off' : values['rate-limit'] ?? env('RATE_LIMIT');
  if (text === undefined) return undefined;
  if (text === 'off') return false;
  const [perSecond, burst] = text.split(':').map(Number);
  if (!(perSecond > 0)) fail('--rate-limit is PER_SECOND[:BURST]');
  return { perSecond, burst: burst || perSecond * 2 };
}

async function serve(values) {
  const server = await createSyncServer({
    secret: secretOf(values),
    database: values.database ?? env('DATABASE') ?? DEFAULTS.database,
    archives: values.archives ?? env('ARCHIVES') ?? DEFAULTS.archives,
    maxBodyBytes: integer(values['max-body-bytes'] ?? env('MAX_BODY_BYTES'), 'max-body-bytes'),
    maxBatchRecords: integer(values['max-batch-records'] ?? env('MAX_BATCH_RECORDS'), 'max-batch-records'),
    maxArchiveBytes: integer(values['max-archive-bytes'] ?? env('MAX_ARCHIVE_BYTES'), 'max-archive-bytes'),
    rateLimit: rateLimitOf(values),
    s3: { endpoint: values['s3-endpoint'] ?? env('S3_ENDPOINT'), region: values['s3-region'] ?? env('S3_REGION') },
  });
  const port = integer(values.port ?? env('PORT'), 'port') ?? 8787;
  const host = values.host ?? env('HOST') ?? '127.0.0.1';
  const listener = http.createServer(server.handler);
  // Longer than a typical load balancer's idle timeout (60 s), so the proxy closes idle
  // connections first and never reuses one the server is closing.
  listener.keepAliveTimeout = 65000;
  listener.listen(port, host, () => {
    const { port: bound } = listener.address();
    console.log(`edgetally-server listening on http://${host}:${bound}`);
  });
  const stop = () => listener.close(() => server.close().then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const { values, positionals } = parseArgs({ options: OPTIONS, allowPositionals: true });
const command = positionals[0] ?? 'serve';
if (values.help) {
  const lines = fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1);
  console.log(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
} else if (command === 'serve') {
  await serve(values);
} else if (command === 'token') {
  if (!values.group) fail('token needs --group');
  const expiresInSeconds = integer(values.expires, 'expires') ?? 3600;
  console.log(issueToken({ secret: secretOf(values), groupId: values.group, expiresInSeconds, scope: values.scope ?? 'device' }));
} else {
  fail(`unknown command '${command}' (serve, token)`);
}
