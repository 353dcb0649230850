// HTTP plumbing of the reference server: typed HTTP errors, size-limited body reading (also
// when a framework already read the body), and JSON replies.
export class HttpError extends Error {
  /** @param {number} status @param {string} code @param {string} message @param {object} [details] */
  constructor(status, code, message, details, headers) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

/**
 * Reads the request body as a Buffer of at most `limit` bytes; 413 body_too_large beyond it
 * (checked on Content-Length first, then while reading).
 */
export async function readBody(req, limit) {
  if (Buffer.isBuffer(req.body)) return checkSize(req.body, limit);
  if (typeof req.body === 'string') return checkSize(Buffer.from(req.body), limit);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function checkSize(buffer, limit) {
  if (buffer.length > limit) throw tooLarge(limit);
  return buffer;
}

function tooLarge(limit) {
  return new HttpError(413, 'body_too_large', `the body is larger than ${limit} bytes`, { limit });
}

export function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res, error) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const known = error instanceof HttpError;
  const status = known ? error.status : 500;
  const body = {
    error: {
      code: known ? error.code : 'internal',
      message: known ? error.message : 'internal server error',
      ...(known && error.details ? { details: error.details } : {}),
    },
  };
  // A refused request may leave body bytes unread; close so they are not read as a request.
  const headers = { ...(known ? error.headers : {}), ...(status === 413 ? { connection: 'close' } : {}) };
  sendJson(res, status, body, headers);
}
