// Transport: one batch of usage events (or a read of the group's totals) over fetch, with the bearer token, and the
// answer classified the way docs/PROTOCOL.md tells a client to act on it:
//   ok      200 with a reply              split   400, 413, 422: a permanent refusal of what was sent
//   auth    401 after one refresh, 403    retry   anything else: 408, 429, 5xx, 404 ..., network errors
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

async function classify(response) {
  const status = response.status;
  if (status === 200) {
    try {
      return { kind: 'ok', reply: await response.json() };
    } catch (error) {
      return { kind: 'retry', error: { kind: 'server', status, code: 'bad_reply', message: `unreadable reply: ${error.message}` } };
    }
  }
  const detail = await errorOf(response);
  if (status === 401 || status === 403) return { kind: 'auth', error: { kind: 'auth', status, ...detail } };
  if (RECORD_REFUSALS.has(status)) return { kind: 'split', error: { kind: 'rejected', status, ...detail } };
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
 * Posts `body` (the events' JSON array) for `groupId`. `token(refresh)` gives the bearer token;
 * a 401 asks for a fresh one once and tries again.
 * @returns {Promise<{kind: string, reply?: object, error?: object, retryAfterMs?: number | null}>}
 */
export function postUsage({ options, groupId, body, token, signal }) {
  const init = { method: 'POST', headers: { 'content-type': 'application/cloudevents-batch+json' }, body };
  return request({ options, url: usageUrl(options.url, groupId), init, token, signal });
}

async function request({ options, url, init, token, signal }) {
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
    return classify(response);
  }
}
