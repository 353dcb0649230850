// The request handler: routes of docs/PROTOCOL.md, each authenticated (bearer token for the
// path's group), rate-limited per token, and size-limited, before any byte is stored.
import { createHash } from 'node:crypto';
import { HttpError, readBody, sendError, sendJson } from './http.js';
import { ingest } from './ingest.js';
import { GROUP_ID_RULE, verifyToken } from './tokens.js';

export const PROTOCOL_VERSION = 1;
const ROUTE = /^\/v1\/groups\/([^/]+)(?:\/(usage|plan|archives)(?:\/([^/]+))?)?$/;
const HASH_RULE = /^[0-9a-f]{64}$/;
const BATCH_TYPES = ['application/cloudevents-batch+json', 'application/json'];

function authorize(req, config, groupId, scope) {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer ([^\s]+)$/.exec(header);
  if (!match) throw new HttpError(401, 'missing_token', 'an Authorization: Bearer <token> header is required', undefined, { 'www-authenticate': 'Bearer' });
  const verdict = verifyToken({ secret: config.secret, token: match[1], now: config.now() });
  if (!verdict.ok) {
    const message = verdict.code === 'token_expired' ? 'the token has expired' : 'the token is not valid';
    throw new HttpError(401, verdict.code, message, undefined, { 'www-authenticate': `Bearer error="invalid_token"` });
  }
  if (verdict.claims.groupId !== groupId) throw new HttpError(403, 'wrong_group', 'the token is for another group');
  if (scope === 'admin' && verdict.claims.scope !== 'admin') throw new HttpError(403, 'insufficient_scope', 'this route needs an admin token');
  const wait = config.rateLimiter?.take(match[1].slice(-43)) ?? 0;
  if (wait > 0) throw new HttpError(429, 'rate_limited', `too many requests; retry in ${wait} s`, { retryAfter: wait }, { 'retry-after': String(wait) });
}

function mediaType(req) {
  return String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

function parseJson(body) {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, 'malformed_json', `the body is not JSON: ${error.message}`);
  }
}

async function postUsage(req, res, config, groupId) {
  if (!BATCH_TYPES.includes(mediaType(req))) {
    throw new HttpError(415, 'unsupported_media_type', `send ${BATCH_TYPES[0]}`);
  }
  const events = parseJson(await readBody(req, config.maxBodyBytes));
  if (!Array.isArray(events) || events.length === 0) throw new HttpError(400, 'invalid_batch', 'the body must be a non-empty JSON array of CloudEvents');
  if (events.length > config.maxBatchRecords) {
    throw new HttpError(413, 'too_many_records', `at most ${config.maxBatchRecords} records per batch`, { limit: config.maxBatchRecords });
  }
  const reply = await ingest(config.backend, groupId, events, config.now());
  // X-Edgetally-Results: exceptions (PROTOCOL.md): list only the records not accepted; the
  // counts say what became of the others.
  if (String(req.headers['x-edgetally-results'] ?? '').trim().toLowerCase() === 'exceptions') {
    reply.results = reply.results.filter((result) => result.status !== 'accepted');
    reply.resultsListed = 'exceptions';
  }
  sendJson(res, 200, { protocol: PROTOCOL_VERSION, groupId, ...reply });
}

async function putArchive(req, res, config, groupId, sha256) {
  if (!HASH_RULE.test(sha256)) throw new HttpError(400, 'invalid_hash', 'the chunk name must be its SHA-256 in 64 lowercase hex digits');
  const bytes = await readBody(req, config.maxArchiveBytes);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new HttpError(422, 'hash_mismatch', 'the body does not hash to the chunk name', { actual });
  const header = (name) => (req.headers[name] === undefined ? null : Number(req.headers[name]));
  const stored = await config.archives.put(groupId, sha256, bytes);
  const fresh = await config.backend.addChunk(groupId, {
    sha256, bytes: bytes.length, events: header('x-edgetally-events'), from: header('x-edgetally-from'), to: header('x-edgetally-to'),
  });
  const status = stored || fresh ? 'stored' : 'duplicate';
  sendJson(res, status === 'stored' ? 201 : 200, { status, sha256, bytes: bytes.length });
}

async function getArchive(req, res, config, groupId, sha256) {
  const bytes = HASH_RULE.test(sha256) ? await config.archives.get(groupId, sha256) : null;
  if (!bytes) throw new HttpError(404, 'not_found', 'no chunk with that hash for this group');
  res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': bytes.length, etag: `"${sha256}"` });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

async function putPlan(req, res, config, groupId) {
  const body = parseJson(await readBody(req, 64 * 1024));
  if (body === null || typeof body !== 'object' || typeof body.plan !== 'string' || body.plan.length === 0) {
    throw new HttpError(400, 'invalid_plan', 'the body must be {"plan": "<id>", "overrides"?: {...}, "billingAnchor"?: {...}}');
  }
  const plan = { plan: body.plan, overrides: body.overrides ?? {}, ...(body.billingAnchor ? { billingAnchor: body.billingAnchor } : {}) };
  await config.backend.setPlan(groupId, plan);
  sendJson(res, 200, { groupId, ...plan });
}

async function getGroup(res, config, groupId) {
  const view = await config.backend.groupView(groupId);
  sendJson(res, 200, { protocol: PROTOCOL_VERSION, groupId, ...view, asOf: Date.now() });
}

function methodNotAllowed(allowed) {
  return new HttpError(405, 'method_not_allowed', `use ${allowed.join(' or ')}`, undefined, { allow: allowed.join(', ') });
}

async function route(req, res, config) {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (pathname === '/v1/health') return sendJson(res, 200, { ok: true, protocol: PROTOCOL_VERSION });
  const match = ROUTE.exec(pathname);
  if (!match) throw new HttpError(404, 'not_found', `no route ${pathname}`);
  const [, rawGroup, resource, name] = match;
  const groupId = decodeURIComponent(rawGroup);
  if (!GROUP_ID_RULE.test(groupId)) throw new HttpError(400, 'invalid_group', 'the group id is not valid');
  const method = req.method ?? 'GET';
  if (!resource) {
    if (method !== 'GET') throw methodNotAllowed(['GET']);
    authorize(req, config, groupId, 'device');
    return getGroup(res, config, groupId);
  }
  if (resource === 'usage' && !name) {
    if (method !== 'POST') throw methodNotAllowed(['POST']);
    authorize(req, config, groupId, 'device');
    return postUsage(req, res, config, groupId);
  }
  if (resource === 'plan' && !name) {
    if (method !== 'PUT') throw methodNotAllowed(['PUT']);
    authorize(req, config, groupId, 'admin');
    return putPlan(req, res, config, groupId);
  }
  if (resource === 'archives' && name) {
    if (!['PUT', 'GET', 'HEAD'].includes(method)) throw methodNotAllowed(['PUT', 'GET', 'HEAD']);
    authorize(req, config, groupId, 'device');
    return method === 'PUT' ? putArchive(req, res, config, groupId, name) : getArchive(req, res, config, groupId, name);
  }
  throw new HttpError(404, 'not_found', `no route ${pathname}`);
}

/** A node:http request handler over `config` (see createSyncServer). */
export function createHandler(config) {
  return async function handler(req, res) {
    try {
      await route(req, res, config);
    } catch (error) {
      if (!(error instanceof HttpError)) config.onError(error);
      sendError(res, error);
    }
  };
}
