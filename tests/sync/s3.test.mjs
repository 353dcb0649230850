// Archive chunks in an S3-compatible bucket (js/server/archives/s3.js): the reference server with
// archives: 's3://bucket/prefix' against s3rver, a real S3-protocol server this test starts on
// 127.0.0.1 from a temporary folder. s3rver accepts any Signature V4 without checking it, so the
// signing itself is checked against the worked examples of AWS's SigV4 documentation.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import S3rver from 's3rver';
import { S3Archives, signV4 } from '../../js/server/archives/s3.js';
import { SECRET, api, startServer, tempDir, token } from './helpers.mjs';
import { startServerProcess } from './server-process.mjs';

const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

async function startS3(t) {
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: tempDir(t, 'edgetally-s3-'), configureBuckets: [{ name: 'chunks' }] });
  const { port } = await server.run();
  t.after(() => server.close());
  return `http://127.0.0.1:${port}`;
}

function chunk(lines = 20) {
  const bytes = gzipSync(Array.from({ length: lines }, (_, i) => JSON.stringify({ i, pad: randomBytes(6).toString('hex') })).join('\n') + '\n');
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function put(url, groupId, { bytes, sha256 }) {
  return api(url, `/v1/groups/${groupId}/archives/${sha256}`, { method: 'PUT', groupId, body: bytes, headers: { 'content-type': 'application/gzip' } });
}

test('Signature V4 matches the worked examples of the AWS documentation', () => {
  const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
  const amzDate = '20130524T000000Z';
  const empty = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const get = signV4({ method: 'GET', path: '/test.txt', amzDate, region: 'us-east-1', credentials, payloadSha256: empty,
    headers: { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9', 'x-amz-content-sha256': empty, 'x-amz-date': amzDate } });
  assert.equal(get, 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
    'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  const body = createHash('sha256').update('Welcome to Amazon S3.').digest('hex');
  const put = signV4({ method: 'PUT', path: '/test%24file.text', amzDate, region: 'us-east-1', credentials, payloadSha256: body,
    headers: { host: 'examplebucket.s3.amazonaws.com', date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      'x-amz-content-sha256': body, 'x-amz-date': amzDate } });
  assert.match(put, /SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd$/);
});

test('chunks PUT to the server land in the bucket byte for byte, idempotently, per group', async (t) => {
  const endpoint = await startS3(t);
  const { url } = await startServer(t, { server: { archives: 's3://chunks/edge', s3: { endpoint, credentials: CREDENTIALS } } });
  const bucket = new S3Archives({ bucket: 'chunks', prefix: 'edge', endpoint, credentials: CREDENTIALS });
  const one = chunk();
  const first = await put(url, 'acme:eu', one);
  assert.equal(first.status, 201);
  assert.equal(first.json.status, 'stored');
  const again = await put(url, 'acme:eu', one);
  assert.equal(again.status, 200);
  assert.equal(again.json.status, 'duplicate');
  assert.ok((await bucket.get('acme:eu', one.sha256)).equals(one.bytes), 'the object is the chunk, byte for byte');
  const got = await fetch(`${url}/v1/groups/acme:eu/archives/${one.sha256}`, { headers: { authorization: `Bearer ${token('acme:eu')}` } });
  assert.equal(got.status, 200);
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(one.bytes));
  assert.equal((await api(url, `/v1/groups/other/archives/${one.sha256}`, { groupId: 'other' })).status, 404, 'another group does not see it');
  assert.equal(await bucket.has('other', one.sha256), false);
});

test('a body that does not match its hash is refused and nothing reaches the bucket', async (t) => {
  const endpoint = await startS3(t);
  const { url } = await startServer(t, { server: { archives: 's3://chunks', s3: { endpoint, credentials: CREDENTIALS } } });
  const bucket = new S3Archives({ bucket: 'chunks', endpoint, credentials: CREDENTIALS });
  const real = chunk();
  const forged = { bytes: chunk().bytes, sha256: real.sha256 };
  const refused = await put(url, 'acme', forged);
  assert.equal(refused.status, 422);
  assert.equal(refused.json.error.code, 'hash_mismatch');
  assert.equal(await bucket.has('acme', real.sha256), false);
});

test('the CLI serves archives from a bucket (--archives s3://..., --s3-endpoint, AWS_* credentials)', async (t) => {
  const endpoint = await startS3(t);
  process.env.AWS_ACCESS_KEY_ID = CREDENTIALS.accessKeyId; // read by the child (and nothing else here)
  process.env.AWS_SECRET_ACCESS_KEY = CREDENTIALS.secretAccessKey;
  t.after(() => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
  });
  const dir = tempDir(t);
  const url = await startServerProcess({ database: path.join(dir, 'server.sqlite3'), archives: 's3://chunks/cli', secret: SECRET,
    args: ['--s3-endpoint', endpoint], track: (kill) => t.after(kill) });
  const one = chunk(5);
  assert.equal((await put(url, 'acme', one)).status, 201);
  const bucket = new S3Archives({ bucket: 'chunks', prefix: 'cli', endpoint, credentials: CREDENTIALS });
  assert.ok((await bucket.get('acme', one.sha256)).equals(one.bytes));
});

test('bad S3 settings are refused when the server is created', async () => {
  assert.throws(() => new S3Archives({ bucket: 'No_Such', credentials: CREDENTIALS }), /bucket/);
  assert.throws(() => new S3Archives({ bucket: 'chunks', credentials: {} }), /credentials/);
});
