// FaultProxy: an HTTP proxy on 127.0.0.1 in front of the reference server that injects the
// faults of the sync fault suite, chosen per request by `choose()`:
//   drop_request   close the client's connection without forwarding anything
//   drop_response  forward, let the server commit and answer, then close without replying
//   delay          wait, then forward
//   status_500 / status_429 / status_401   answer that status without forwarding
//   reset          reset the client's TCP connection (RST) without forwarding
//   pass           forward as is
// It counts faults by kind, the record fates in the replies it relays (duplicates suppressed) and
// the archive chunks' (stored, duplicate).
import http from 'node:http';
import { closeServer, listen } from './helpers.mjs';

export const FAULTS = ['drop_request', 'drop_response', 'delay', 'status_500', 'status_429', 'status_401', 'reset'];

function readAll(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function forward(target, req, body) {
  return new Promise((resolve, reject) => {
    const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, async (res) => {
      try {
        resolve({ status: res.statusCode, headers: res.headers, body: await readAll(res) });
      } catch (error) {
        reject(error);
      }
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

export class FaultProxy {
  /** @param {{targets: string[], choose: () => string}} options targets: used in turn */
  constructor({ targets, choose }) {
    this.targets = targets;
    this.choose = choose;
    this.faults = Object.fromEntries(FAULTS.map((kind) => [kind, 0]));
    this.fates = { accepted: 0, duplicate: 0, rejected: 0 };
    this.chunks = { stored: 0, duplicate: 0 };
    this.requests = 0;
    this.down = false;
    this.next = 0;
  }

  async start() {
    const { server, url } = await listen((req, res) => this.#handle(req, res).catch(() => res.destroy()));
    this.server = server;
    this.url = url;
    return this;
  }

  async #handle(req, res) {
    const body = await readAll(req);
    this.requests++;
    if (this.down) return req.socket.destroy();
    const kind = this.choose(req);
    if (kind !== 'pass') this.faults[kind] = (this.faults[kind] ?? 0) + 1;
    if (kind === 'drop_request') return req.socket.destroy();
    if (kind === 'reset') return req.socket.resetAndDestroy();
    if (kind.startsWith('status_')) {
      const status = Number(kind.slice(7));
      const headers = { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '1' } : {}) };
      res.writeHead(status, headers);
      return res.end(JSON.stringify({ error: { code: `injected_${status}`, message: 'fault injected by the test proxy' } }));
    }
    if (kind === 'delay') await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 200)));
    const target = this.targets[this.next++ % this.targets.length];
    const reply = await forward(target, req, body);
    this.#countFates(reply);
    if (kind === 'drop_response') return req.socket.destroy();
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  }

  #countFates(reply) {
    if (reply.status !== 200 && reply.status !== 201) return;
    try {
      const parsed = JSON.parse(reply.body);
      if (typeof parsed.sha256 === 'string' && parsed.status in this.chunks) this.chunks[parsed.status]++;
      for (const result of parsed.results ?? []) this.fates[result.status] = (this.fates[result.status] ?? 0) + 1;
    } catch {
      // not a usage reply
    }
  }

  close() {
    return closeServer(this.server);
  }
}
