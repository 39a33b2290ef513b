import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { close, createMock, listen } from '../../src';

/**
 * Random requests over real HTTP against a strict mock: whatever the method, path, query, headers
 * or body, the mock answers in the error shape or with a valid answer, never a 5xx (under
 * --strict a 500 would mean an answer that breaks the spec) and never a crash.
 */
describe('random requests over HTTP', () => {
  let server: Server;
  let base: string;
  let jobId: string;
  beforeAll(async () => {
    const mock = await createMock({ strict: true, log: 'silent', jobs: 200 });
    server = await listen(mock.app, '127.0.0.1', 0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    jobId = ((await (await fetch(`${base}/api/v1/rpa/jobs?environment=default`)).json()) as { jobs: { id: string }[] }).jobs[0]!.id;
  });
  afterAll(() => close(server));

  const segment = fc.oneof(
    fc.constantFrom('api', 'v1', 'rpa', 'jobs', '_execute', '__mock', 'journal', 'clock', '%00', '..', '%E0%A4%A'),
    fc.webSegment(),
    fc.uuid(),
  );
  const request = fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
    path: fc.oneof(
      fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`),
      fc.constantFrom('/api/v1/rpa/jobs', '/api/v1/rpa/jobs/{id}', '/api/v1/rpa/jobs/{id}/_execute'),
    ),
    query: fc.dictionary(fc.constantFrom('environment', 'type', 'limit', 'x'), fc.string({ maxLength: 20 }), { maxKeys: 3 }),
    headers: fc.record(
      {
        'content-type': fc.constantFrom('application/json', 'text/plain', 'application/problem+json', 'multipart/form-data', 'x/y'),
        prefer: fc.oneof(fc.constantFrom('code=404', 'code=999', 'example=nope', 'dynamic=true', 'code=409'), fc.string({ maxLength: 20 })),
        authorization: fc.string({ maxLength: 30 }),
        accept: fc.constantFrom('application/json', '*/*', 'text/html'),
      },
      { requiredKeys: [] },
    ),
    body: fc.option(fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ maxLength: 200 })), { nil: undefined }),
  });

  it('answers every request without a 5xx, with a JSON body on the API', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, query, headers, body }) => {
        const url = new URL(`${base}${path.replace('{id}', jobId)}`);
        for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
        const withBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
        const safeHeaders = Object.fromEntries(Object.entries(headers).filter(([, v]) => /^[\x20-\x7e]*$/.test(v)));
        const response = await fetch(url, { method, headers: safeHeaders, body: withBody ? body : undefined });
        const text = await response.text();
        expect(response.status).toBeLessThan(500);
        if (url.pathname.startsWith('/api/') && method !== 'HEAD' && method !== 'OPTIONS' && text !== '')
          expect(() => JSON.parse(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
