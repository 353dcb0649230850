// S3Archives: archive chunks as objects of an S3-compatible bucket, <prefix><group>/<sha256>, the
// same contract as DirectoryArchives (put / has / get / close). Requests are signed with AWS
// Signature Version 4 here (node:crypto; no SDK to install): the payload hash S3 asks for is the
// chunk's own name, already checked against its bytes. An object is created only by a PUT S3
// answered 200 for, i.e. whole and durable, so an acknowledged chunk is never partial.
//   new S3Archives({ bucket, prefix?, endpoint?, region?, credentials?, forcePathStyle? })
// credentials default to AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN), region
// to AWS_REGION or us-east-1, endpoint to https://s3.<region>.amazonaws.com (virtual-hosted
// style; a custom endpoint uses path style unless forcePathStyle is false).
import { createHash, createHmac } from 'node:crypto';

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

const hmac = (key, text) => createHmac('sha256', key).update(text).digest();

// RFC 3986 encoding of one path segment, as SigV4's canonical URI wants it.
function encodeSegment(segment) {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The Authorization header of an S3 request, AWS Signature Version 4 (no query string). `path` is
 * the URI-encoded path as sent, `headers` every header to sign (lowercase names, host included),
 * `amzDate` the x-amz-date value (YYYYMMDDTHHMMSSZ).
 */
export function signV4({ method, path, headers, payloadSha256, region, credentials, amzDate }) {
  const day = amzDate.slice(0, 8);
  const names = Object.keys(headers).map((n) => n.toLowerCase()).sort();
  const value = (n) => String(headers[n]).trim().replace(/\s+/g, ' ');
  const canonical = [method, path, '', ...names.map((n) => `${n}:${value(n)}`), '', names.join(';'), payloadSha256].join('\n');
  const scope = `${day}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n');
  const key = [day, region, 's3', 'aws4_request'].reduce((k, part) => hmac(k, part), `AWS4${credentials.secretAccessKey}`);
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
}

export class S3Archives {
  constructor({ bucket, prefix = '', endpoint, region, credentials, forcePathStyle } = {}) {
    if (typeof bucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new TypeError('s3 bucket must be a bucket name (3-63 lowercase letters, digits, dots, hyphens)');
    }
    this.bucket = bucket;
    this.prefix = prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix;
    this.region = region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
    this.credentials = credentials ?? {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
      sessionToken: process.env.AWS_SESSION_TOKEN,
    };
    if (!this.credentials.accessKeyId || !this.credentials.secretAccessKey) {
      throw new TypeError('s3 credentials are needed: {accessKeyId, secretAccessKey} or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    }
    const base = new URL(endpoint ?? `https://s3.${this.region}.amazonaws.com`);
    this.pathStyle = forcePathStyle ?? endpoint !== undefined;
    this.origin = this.pathStyle ? base.origin : `${base.protocol}//${bucket}.${base.host}`;
  }

  #key(groupId, sha256) {
    return `${this.prefix}${groupId}/${sha256}`; // group ids are [A-Za-z0-9._:-] (tokens.js)
  }

  // A signed request for one object; resolves with the fetch Response.
  #request(method, key, { body, payloadSha256 = EMPTY_SHA256 } = {}) {
    const path = `${this.pathStyle ? `/${this.bucket}` : ''}/${key.split('/').map(encodeSegment).join('/')}`;
    const url = new URL(`${this.origin}${path}`);
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const headers = { host: url.host, 'x-amz-content-sha256': payloadSha256, 'x-amz-date': amzDate };
    if (this.credentials.sessionToken) headers['x-amz-security-token'] = this.credentials.sessionToken;
    headers.authorization = signV4({ method, path, headers, payloadSha256, region: this.region, credentials: this.credentials, amzDate });
    delete headers.host; // fetch sets it (the same value)
    return fetch(url, { method, headers, body });
  }

  async #check(response, what) {
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    throw new Error(`S3 ${what} failed: HTTP ${response.status} ${text.slice(0, 300)}`);
  }

  /** Stores `bytes` (whose SHA-256 is `sha256`) under the group and hash; false when already there. */
  async put(groupId, sha256, bytes) {
    if (await this.has(groupId, sha256)) return false;
    const response = await this.#request('PUT', this.#key(groupId, sha256), { body: bytes, payloadSha256: sha256 });
    await this.#check(response, `PUT ${sha256}`);
    await response.body?.cancel();
    return true;
  }

  async has(groupId, sha256) {
    const response = await this.#request('HEAD', this.#key(groupId, sha256));
    if (response.status === 404) return false;
    await this.#check(response, `HEAD ${sha256}`);
    return true;
  }

  /** The chunk's bytes, or null. */
  async get(groupId, sha256) {
    const response = await this.#request('GET', this.#key(groupId, sha256));
    if (response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    await this.#check(response, `GET ${sha256}`);
    return Buffer.from(await response.arrayBuffer());
  }

  async close() {}
}

/**
 * The archive store for the `archives` option: a directory path, an s3://bucket/prefix URL (with
 * `s3` options: endpoint, region, credentials, forcePathStyle), or an object with put/has/get.
 */
export function s3ArchivesFromUrl(url, s3 = {}) {
  const parsed = new URL(url);
  return new S3Archives({ ...s3, bucket: parsed.hostname, prefix: decodeURIComponent(parsed.pathname.replace(/^\/+/, '')) });
}
