// Tokens: per-group bearer tokens signed with HMAC-SHA256, as docs/PROTOCOL.md "Tokens" defines
// them: "et1.<base64url payload>.<base64url signature>". The app's backend issues them with the
// server's secret; the server checks signature, expiry and group on every request.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'et1';
export const SCOPES = Object.freeze(['device', 'admin']);
export const GROUP_ID_RULE = /^[A-Za-z0-9._:-]{1,128}$/;

function sign(secret, payload) {
  return createHmac('sha256', secret).update(`${PREFIX}.${payload}`).digest('base64url');
}

function checkSecret(secret) {
  if ((typeof secret !== 'string' && !Buffer.isBuffer(secret)) || secret.length < 16) {
    throw new TypeError('secret must be a string or Buffer of at least 16 characters');
  }
}

/**
 * Issues a token for one group. `expiresInSeconds` (1 s to 366 days) bounds its life; `scope`
 * 'device' (default) may sync, 'admin' may also set the group's plan.
 * @param {{secret: string | Buffer, groupId: string, expiresInSeconds: number, scope?: string, now?: number}} options
 * @returns {string}
 */
export function issueToken({ secret, groupId, expiresInSeconds, scope = 'device', now = Date.now() }) {
  checkSecret(secret);
  if (typeof groupId !== 'string' || !GROUP_ID_RULE.test(groupId)) {
    throw new TypeError('groupId must be 1-128 of letters, digits, ".", "_", ":" or "-"');
  }
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > 366 * 86400) {
    throw new TypeError('expiresInSeconds must be an integer from 1 to 31622400');
  }
  if (!SCOPES.includes(scope)) throw new TypeError(`scope must be one of ${SCOPES.join(', ')}`);
  const iat = Math.floor(now / 1000);
  const claims = { v: 1, g: groupId, s: scope, iat, exp: iat + expiresInSeconds, n: randomBytes(9).toString('base64url') };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${PREFIX}.${payload}.${sign(secret, payload)}`;
}

/**
 * Checks a token. Returns {ok: true, claims: {groupId, scope, expiresAt}} or {ok: false, code}
 * with code 'invalid_token' (malformed or badly signed) or 'token_expired'.
 * @param {{secret: string | Buffer, token: string, now?: number}} options
 */
export function verifyToken({ secret, token, now = Date.now() }) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3 || parts[0] !== PREFIX || token.length > 2048) return { ok: false, code: 'invalid_token' };
  const expected = Buffer.from(sign(secret, parts[1]));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, code: 'invalid_token' };
  let claims;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, code: 'invalid_token' };
  }
  const valid = claims?.v === 1 && typeof claims.g === 'string' && SCOPES.includes(claims.s) && Number.isInteger(claims.exp);
  if (!valid) return { ok: false, code: 'invalid_token' };
  if (claims.exp * 1000 <= now) return { ok: false, code: 'token_expired' };
  return { ok: true, claims: { groupId: claims.g, scope: claims.s, expiresAt: claims.exp * 1000 } };
}
