import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { close, createMock, listen } from '../../src';
import { sendRaw } from '../support/rawHttp';

/** A real server on a free port; a short request time-out so that a stalled body is cut quickly. */
async function startServer(): Promise<{ server: Server; port: number }> {
  const mock = await createMock({ strict: true, log: 'silent' });
  const server = await listen(mock.app, '127.0.0.1', 0, 300);
  return { server, port: (server.address() as AddressInfo).port };
}

describe('malformed HTTP on a raw socket', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => ({ server, port } = await startServer()));
  afterAll(() => close(server));

  const problemOf = (body: string) => JSON.parse(body) as { type: string; status: number; detail: string };

  it('answers a garbage request line with a 400 problem', async () => {
    const answer = await sendRaw(port, 'HELLO THERE\r\n\r\n');
    expect(answer.status).toBe(400);
    expect(answer.headers).toMatch(/content-type: application\/problem\+json/i);
    expect(problemOf(answer.body)).toMatchObject({ type: 'invalid_request', status: 400 });
  });

  it('answers headers over 16 KB with a 431 problem', async () => {
    const answer = await sendRaw(port, `GET /api/v1/rpa/jobs HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer.status).toBe(431);
    expect(problemOf(answer.body)).toMatchObject({ type: 'headers_too_large', status: 431 });
  });

  it('answers a bad Content-Length with a 400 problem', async () => {
    const answer = await sendRaw(port, 'POST /api/v1/rpa/jobs/x/_execute HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n{}');
    expect(answer.status).toBe(400);
    expect(problemOf(answer.body).type).toBe('invalid_request');
  });

  it('cuts off a body that never arrives in full with a 408 problem, and closes the connection', async () => {
    const request =
      'POST /api/v1/rpa/jobs/x/_execute HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"in';
    const answer = await sendRaw(port, request, { end: false });
    expect(answer.status).toBe(408);
    expect(problemOf(answer.body)).toMatchObject({ type: 'request_timeout', status: 408 });
  });

  it('gives every malformed request a JSON problem, and keeps serving', async () => {
    const garbage = fc.oneof(
      fc.string({ maxLength: 300 }).map((line) => `${line}\r\n\r\n`),
      fc
        .tuple(fc.constantFrom('GET', 'POST', 'PUT', 'BREW'), fc.string({ minLength: 1, maxLength: 50 }), fc.string({ maxLength: 50 }))
        .map(([method, path, header]) => `${method} /${path} HTTP/1.1\r\nHost: x\r\nContent-Length: ${header}\r\n\r\n`),
      fc
        .uint8Array({ minLength: 1, maxLength: 500 })
        .map((bytes) => Buffer.concat([Buffer.from('GET / HTTP/1.1\r\n'), Buffer.from(bytes)])),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (bytes) => {
        const answer = await sendRaw(port, bytes);
        // A request that happens to be valid HTTP gets a real answer; anything else a problem.
        if (answer.status === undefined) return;
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) expect(() => JSON.parse(answer.body)).not.toThrow();
      }),
      { numRuns: 150 },
    );
    const health = await fetch(`http://127.0.0.1:${port}/api/v1/rpa/jobs?environment=default`);
    expect(health.status).toBe(200);
  });
});
