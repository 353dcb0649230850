// Transport: one batch of usage events (or a read of the group's totals, or one archive chunk) over fetch, with the
// bearer token, and the answer classified the way docs/PROTOCOL.md tells a client to act on it:
//   ok      200 with a reply              split   400, 413, 422: a permanent refusal of what was sent
//   auth    401 after one refresh, 403    retry   anything else: 408, 429, 5xx, 404 ..., network errors
// An archive chunk is one indivisible thing: its permanent refusals (any other 4xx) are `park`.
import { parseRetryAfter } from './backoff.js';

const RECORD_REFUSALS = new Set([400, 413, 422]);

function usageUrl(base, groupId) {
  return `${base}/v1/groups/${encodeURIComponent(groupId)}/usage`;
}

async function errorOf(response) {
  const text = await response.text().catch(() => '');
  try {
    const { error } = JSON.parse(text);
    if (error?.code) return { code: String(error.code), message: String(error.message ?? error.code) };
  } catch {
    // not JSON: fall through
  }
  return { code: `http_${response.status}`, message: `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
}

// 408, 429, 5xx, and refusals of the endpoint rather than of what was sent (404, 405, 415)
const RETRY_4XX = new Set([404, 405, 408, 415, 429]);

async function classify(response, permanent = RECORD_REFUSALS, refusal = 'split') {
  const status = response.status;
  if (status === 200 || status === 201) {
    try {
      return { kind: 'ok', reply: await response.json() };
    } catch (error) {
      return { kind: 'retry', error: { kind: 'server', status, code: 'bad_reply', message: `unreadable reply: ${error.message}` } };
    }
  }
  const detail = await errorOf(response);
  if (status === 401 || status === 403) return { kind: 'auth', error: { kind: 'auth', status, ...detail } };
  if (permanent.has(status)) return { kind: refusal, error: { kind: 'rejected', status, ...detail } };
  // 408, 429, 5xx, and refusals of the endpoint rather than of the records (404, 405, 415: a
  // misconfigured URL must not dead-letter the outbox): try again later.
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  return { kind: 'retry', retryAfterMs, error: { kind: 'server', status, ...detail } };
}

/** GETs the group's plan and totals (PROTOCOL.md "Group plan and totals"), classified the same way. */
export function getGroup({ options, groupId, token, signal }) {
  return request({ options, url: `${options.url}/v1/groups/${encodeURIComponent(groupId)}`, init: { method: 'GET', headers: {} }, token, signal });
}

/**
 * Posts `body` (the events' JSON array, as text or UTF-8 bytes) for `groupId`. `token(refresh)` gives the bearer token;
 * a 401 asks for a fresh one once and tries again.
 * @returns {Promise<{kind: string, reply?: object, error?: object, retryAfterMs?: number | null}>}
 */
export function postUsage({ options, groupId, body, token, signal }) {
  // exceptions: the reply lists only the records not accepted (PROTOCOL.md); a server that
  // does not know the header lists every record, which round.js reads as well.
  const headers = { 'content-type': 'application/cloudevents-batch+json', 'x-edgetally-results': 'exceptions' };
  const init = { method: 'POST', headers, body };
  return request({ options, url: usageUrl(options.url, groupId), init, token, signal });
}

const CHUNK_REFUSALS = { has: (status) => status >= 400 && status < 500 && !RETRY_4XX.has(status) };

/**
 * PUTs one archive chunk's gzip `bytes` under its hash, with the optional describing headers.
 * Resolves like postUsage, `park` standing for a permanent refusal of the chunk.
 */
export function putArchive({ options, chunk, bytes, token, signal }) {
  const headers = { 'content-type': 'application/gzip' };
  if (Number.isSafeInteger(chunk.events)) headers['x-edgetally-events'] = String(chunk.events);
  if (Number.isSafeInteger(chunk.from)) headers['x-edgetally-from'] = String(chunk.from);
  if (Number.isSafeInteger(chunk.to)) headers['x-edgetally-to'] = String(chunk.to);
  const url = `${options.url}/v1/groups/${encodeURIComponent(chunk.groupId)}/archives/${chunk.sha256}`;
  return request({ options, url, init: { method: 'PUT', headers, body: bytes }, token, signal,
    classifier: (response) => classify(response, CHUNK_REFUSALS, 'park') });
}

async function request({ options, url, init, token, signal, classifier = classify }) {
  for (let refresh = false; ; refresh = true) {
    let bearer;
    try {
      bearer = await token(refresh);
    } catch (error) {
      return { kind: 'auth', error: { kind: 'auth', code: 'token_unavailable', message: `getToken failed: ${error?.message ?? error}` } };
    }
    let response;
    try {
      response = await options.fetch(url, {
        ...init,
        headers: { ...init.headers, authorization: `Bearer ${bearer}` },
        signal: AbortSignal.any([signal, AbortSignal.timeout(options.requestTimeoutMs)]),
      });
    } catch (error) {
      return { kind: 'retry', error: { kind: 'offline', code: 'network', message: String(error?.cause?.message ?? error?.message ?? error) } };
    }
    if (response.status === 401 && !refresh) {
      await response.body?.cancel().catch(() => {});
      continue;
    }
    return classifier(response);
  }
}
