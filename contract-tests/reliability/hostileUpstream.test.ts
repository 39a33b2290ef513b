import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createProxy } from '../../src/createProxy';
import { defaultProxyOptions, type ProxyOptions } from '../../src/proxyOptions';
import { close, listen } from '../../src';
import { jobsPath } from '../support/startMock';

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;

/** An upstream that answers as `handler` says, and a proxy in front of it on a real port. */
async function proxyTo(handler: Handler, options: Partial<ProxyOptions> = {}) {
  const upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const lines: string[] = [];
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  const log = new Writable({
    write: (chunk, _encoding, done) => {
      lines.push(chunk.toString());
      for (const w of waiting) if (w.pattern.test(chunk.toString())) w.resolve();
      done();
    },
  });
  /** Resolves once a log line matches: the test waits for the event, not for time. */
  const logged = (pattern: RegExp) =>
    lines.some((line) => pattern.test(line)) ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ pattern, resolve }));
  const proxy = await createProxy(
    {
      // The defaults, but for what a test needs: any port, a short time-out, JSON log lines.
      ...defaultProxyOptions,
      upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      port: 0,
      timeoutMs: 5000,
      control: false,
      journalSize: 100,
      log: 'json',
      ...options,
    },
    log,
  );
  const server = await listen(proxy.app, '127.0.0.1', 0);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    journal: proxy.journal,
    logged,
    async close() {
      await close(server);
      upstream.close();
      upstream.closeAllConnections();
    },
  };
}

const listUrl = `${jobsPath}?environment=default`;

describe('the proxy in front of a hostile upstream', () => {
  it('answers 502 upstream_unavailable, naming what happened, when the upstream closes mid-answer', async () => {
    const proxy = await proxyTo((_req, _body, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 1000 });
      res.write('{"count":1,"jobs":[');
      setImmediate(() => res.destroy());
    });
    try {
      const response = await fetch(`${proxy.url}${listUrl}`);
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({
        type: 'upstream_unavailable',
        detail: expect.stringMatching(/failed while answering: \S+/),
      });
    } finally {
      await proxy.close();
    }
  });

  it('passes an answer over --max-validate through byte for byte, journaled as not checked', async () => {
    const big = JSON.stringify({ count: 0, jobs: [], padding: 'x'.repeat(50_000) });
    const proxy = await proxyTo(
      (_req, _body, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(big);
      },
      { maxValidateBytes: 1000 },
    );
    try {
      const response = await fetch(`${proxy.url}${listUrl}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(big);
      const [entry] = proxy.journal.read();
      expect(entry!.response).toEqual({ valid: null, violations: [], note: expect.stringMatching(/too large to check/) });
    } finally {
      await proxy.close();
    }
  });

  it('cuts the connection, and logs it, when a passed-through answer fails after it began', async () => {
    const proxy = await proxyTo(
      (_req, _body, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 100_000 });
        res.write(`{"count":0,"jobs":[],"padding":"${'x'.repeat(5000)}`);
        setTimeout(() => res.destroy(), 20);
      },
      { maxValidateBytes: 1000 },
    );
    try {
      const response = await fetch(`${proxy.url}${listUrl}`);
      await expect(response.text()).rejects.toThrow();
      await proxy.logged(/cut short: the upstream failed mid-answer/);
      expect(proxy.journal.read()[0]!.response.note).toMatch(/upstream failed mid-answer/);
    } finally {
      await proxy.close();
    }
  });

  it('forwards a request body of any media type byte for byte, with its Content-Type', async () => {
    let received: { contentType?: string; body?: Buffer } = {};
    const proxy = await proxyTo((req, body, res) => {
      received = { contentType: req.headers['content-type'], body };
      res.writeHead(400, { 'Content-Type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'invalid_request', title: 'Invalid request', status: 400, detail: 'no' }));
    });
    try {
      const sent = Buffer.from('plain text\u0000 with bytes \xff', 'latin1');
      const response = await fetch(`${proxy.url}${jobsPath}/6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e05/_execute`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain; charset=latin1' },
        body: sent,
      });
      expect(response.status).toBe(400);
      expect(received.contentType).toBe('text/plain; charset=latin1');
      expect(received.body).toEqual(sent);
    } finally {
      await proxy.close();
    }
  });
});
