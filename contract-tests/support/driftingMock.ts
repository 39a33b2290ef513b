import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { createMock, listen, close, type MockOptions } from '../../src';

/** What passes between the mock and the checks, for a transform to change. */
export interface Passing {
  method: string;
  path: string;
  /**
   * Where the client sees the API, before `path`: '' when it reaches the stand-in directly, the
   * gateway's `X-Forwarded-Prefix` behind one, so that the tenant's links point where they should.
   */
  mount: string;
  status: number;
  contentType: string;
  body: string;
  /** Headers to add to the answer, such as `Retry-After`. */
  headers?: Record<string, string>;
  /** Content codings applied to the body's bytes, in order, as `Content-Encoding` lists them (RFC 9110 §8.4). */
  encodings?: Coding[];
  /** Sent in pieces without `Content-Length` (chunked transfer coding), as a streaming server does. */
  chunked?: boolean;
  /** Milliseconds to wait before answering, as a slow tenant or a long way to it does. */
  delayMs?: number;
}

export type Coding = 'gzip' | 'br' | 'deflate';

const encoders: Record<Coding, (bytes: Buffer) => Buffer> = { gzip: gzipSync, br: brotliCompressSync, deflate: deflateSync };

/** Fetches from the real mock behind the transform, for transforms that need more data. */
export type Upstream = (path: string) => Promise<unknown>;

export type Transform = (response: Passing, upstream: Upstream) => Passing | Promise<Passing>;

/**
 * A deliberately broken variant of the mock: the real mock behind a response transform, each on
 * its own port on 127.0.0.1. `injectToken` adds credentials to every request, so a mock that
 * requires them looks like a server that does not.
 */
export async function startDriftingMock(transform: Transform, options: Partial<MockOptions> = {}, injectToken?: string) {
  // Twenty jobs hold every kind the checks look for (each environment, attended and unattended, an
  // active one to execute) at less than half the cost of the default fifty.
  const mock = await createMock({ log: 'silent', jobs: 20, ...options });
  const mockServer = await listen(mock.app, '127.0.0.1', 0);
  const mockUrl = `http://127.0.0.1:${(mockServer.address() as AddressInfo).port}`;
  const upstream: Upstream = async (path) =>
    (await fetch(`${mockUrl}${path}`, { headers: injectToken ? { Authorization: `Bearer ${injectToken}` } : {} })).json();
  const proxy: Server = createServer((req, res) => {
    forward(req, mockUrl, injectToken)
      .then((passing) => transform(passing, upstream))
      .then((out) => send(res, out))
      .catch((error: Error) => {
        if (!res.headersSent) res.writeHead(599);
        res.end(error.message);
      });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        proxy.closeAllConnections();
      });
      await close(mockServer);
    },
  };
}

/** Writes the answer as the transform left it: late, encoded, in pieces, as it asks. */
async function send(res: ServerResponse, out: Passing) {
  if (out.delayMs) await new Promise((resolve) => setTimeout(resolve, out.delayMs));
  // An empty body (a 204) has no bytes to encode.
  const codings = out.body === '' ? [] : (out.encodings ?? []);
  const bytes = codings.reduce<Buffer>((body, coding) => encoders[coding](body), Buffer.from(out.body));
  const headers: Record<string, string | number> = { ...out.headers, 'Content-Type': out.contentType };
  if (codings.length > 0) headers['Content-Encoding'] = codings.join(', ');
  if (!out.chunked) {
    res.writeHead(out.status, { ...headers, 'Content-Length': bytes.length }).end(bytes);
    return;
  }
  // No length: Node frames each write as a chunk; a turn of the event loop between them, so they cross apart.
  res.writeHead(out.status, headers);
  const size = Math.max(1, Math.ceil(bytes.length / 3));
  for (let at = 0; at < bytes.length; at += size) {
    res.write(bytes.subarray(at, at + size));
    await new Promise(setImmediate);
  }
  res.end();
}

async function forward(req: IncomingMessage, mockUrl: string, injectToken: string | undefined): Promise<Passing> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const name of ['authorization', 'content-type', 'accept'])
    if (typeof req.headers[name] === 'string') headers[name] = req.headers[name];
  if (injectToken) headers.authorization = `Bearer ${injectToken}`;
  const response = await fetch(`${mockUrl}${req.url}`, {
    method: req.method,
    headers,
    body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
  });
  const prefix = req.headers['x-forwarded-prefix'];
  return {
    method: req.method!,
    path: req.url!,
    mount: typeof prefix === 'string' ? prefix : '',
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}

/** Applies `change` to every job a response carries: the jobs of a list, or the job by id. */
export function changeJobs(change: (job: Record<string, unknown>) => void): Transform {
  return (passing) => {
    if (passing.status !== 200 || passing.method !== 'GET') return passing;
    const body = JSON.parse(passing.body) as Record<string, unknown>;
    const jobs = Array.isArray(body.jobs) ? (body.jobs as Record<string, unknown>[]) : [body];
    jobs.forEach(change);
    return { ...passing, body: JSON.stringify(body) };
  };
}

/** Whether a response is the answer to GET /jobs/{id}. */
export function isJobById(passing: Passing): boolean {
  return passing.method === 'GET' && /^\/api\/v1\/rpa\/jobs\/[^/?]+$/.test(passing.path);
}

/** Whether a response is the answer to GET /jobs. */
export function isJobList(passing: Passing): boolean {
  return passing.method === 'GET' && /^\/api\/v1\/rpa\/jobs(\?|$)/.test(passing.path);
}
