import { Writable } from 'node:stream';
import request from 'supertest';
import { createProxy } from '../src/createProxy';
import { defaultProxyOptions, type ProxyOptions } from '../src/proxyOptions';
import { changeJobs, startDriftingMock, type Transform } from './support/driftingMock';
import { jobsPath } from './support/startMock';

/** A proxy in front of an upstream that is the mock itself, right or deliberately wrong. */
async function proxyTo(transform: Transform, options: Partial<ProxyOptions> = {}, upstreamToken?: string) {
  const upstream = await startDriftingMock(transform, upstreamToken ? { authToken: upstreamToken } : {});
  const lines: string[] = [];
  const log = new Writable({ write: (chunk, _encoding, done) => void (lines.push(chunk.toString()), done()) });
  const proxy = await createProxy(
    {
      // The defaults, but for what a test needs: any port, a short time-out, JSON log lines.
      ...defaultProxyOptions,
      upstream: upstream.url,
      port: 0,
      timeoutMs: 5000,
      control: true,
      journalSize: 100,
      log: 'json',
      ...options,
    },
    log,
  );
  return { http: request(proxy.app), upstream, lines, journal: proxy.journal };
}

describe('rpa-mock proxy', () => {
  it('passes a conforming upstream through unchanged, and journals it as valid', async () => {
    const { http, upstream, lines } = await proxyTo((p) => p);
    try {
      const direct = await fetch(`${upstream.url}${jobsPath}?environment=default`).then((r) => r.text());
      const proxied = await http
        .get(jobsPath)
        .query({ environment: 'default' })
        .expect(200)
        .expect('content-type', /application\/json/);
      expect(proxied.text).toBe(direct);
      await http.get(`${jobsPath}/6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e05`).expect(404);
      const journal = (await http.get('/__mock/journal')).body.entries;
      expect(journal.map((e: { status: number; response: { valid: boolean } }) => [e.status, e.response.valid])).toEqual([
        [404, true],
        [200, true],
      ]);
      expect(lines.join('')).not.toMatch(/breaks the spec/);
    } finally {
      await upstream.close();
    }
  });

  it('reports a drifted upstream: each violation logged with pointer and rule, and journaled', async () => {
    const { http, upstream, lines } = await proxyTo(changeJobs((job) => (job.status = 'Done')));
    try {
      const response = await http.get(jobsPath).query({ environment: 'default' }).expect(200);
      expect(response.body.jobs[0].status).toBe('Done');
      const log = lines.map((line) => JSON.parse(line) as { msg: string; pointer?: string; rule?: string });
      expect(log).toContainEqual(
        expect.objectContaining({
          pointer: '/jobs/0/status',
          rule: 'enum',
          msg: expect.stringMatching(/response of GET .* breaks the spec: response body at \/jobs\/0\/status must be one of/),
        }),
      );
      const [entry] = (await http.get('/__mock/journal')).body.entries;
      expect(entry.response).toMatchObject({
        valid: false,
        violations: expect.arrayContaining([expect.objectContaining({ pointer: '/jobs/0/status', rule: 'enum' })]),
      });
    } finally {
      await upstream.close();
    }
  });

  it('with --errors, answers a violating response with 502 and the violations', async () => {
    const { http, upstream } = await proxyTo(
      changeJobs((job) => delete job.job_name),
      { errors: true },
    );
    try {
      const response = await http
        .get(jobsPath)
        .query({ environment: 'default' })
        .expect(502)
        .expect('content-type', /application\/problem\+json/);
      expect(response.body).toMatchObject({ type: 'invalid_upstream_response', status: 502 });
      expect(response.body.errors).toContainEqual(expect.objectContaining({ pointer: '/jobs/0/job_name', rule: 'required' }));
    } finally {
      await upstream.close();
    }
  });

  it('journals a request that breaks the spec, and still forwards it', async () => {
    const { http, upstream } = await proxyTo((p) => p);
    try {
      await http.get(jobsPath).expect(400);
      const [entry] = (await http.get('/__mock/journal')).body.entries;
      expect(entry.request).toMatchObject({
        valid: false,
        violations: [expect.objectContaining({ pointer: '/environment', rule: 'required' })],
      });
      expect(entry.response.valid).toBe(true);
    } finally {
      await upstream.close();
    }
  });

  it("sends the caller's credentials, or its own with --token", async () => {
    const passThrough = await proxyTo((p) => p, {}, 'upstream-token');
    try {
      await passThrough.http.get(jobsPath).query({ environment: 'default' }).expect(401);
      await passThrough.http.get(jobsPath).query({ environment: 'default' }).set('Authorization', 'Bearer upstream-token').expect(200);
    } finally {
      await passThrough.upstream.close();
    }
    const own = await proxyTo((p) => p, { token: 'upstream-token' }, 'upstream-token');
    try {
      await own.http.get(jobsPath).query({ environment: 'default' }).expect(200);
    } finally {
      await own.upstream.close();
    }
  });

  it('answers 502 in the error format when the upstream cannot be reached', async () => {
    const { http, upstream } = await proxyTo((p) => p);
    await upstream.close();
    const response = await http.get(jobsPath).query({ environment: 'default' }).expect(502);
    expect(response.body).toMatchObject({
      type: 'upstream_unavailable',
      status: 502,
      detail: expect.stringMatching(/cannot be reached: ECONNREFUSED/),
    });
  });
});
