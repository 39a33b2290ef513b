import { Writable } from 'node:stream';
import request from 'supertest';
import { createMock } from '../src';
import { createApp } from '../src/server/createApp';
import { createLogger } from '../src/server/requestLog';
import { loadSpecBundle } from '../src/spec/specBundle';
import type { Engine } from '../src/core/engine';
import { jobsPath, listDefaultJobs, startMock } from './support/startMock';

describe('routing by the spec', () => {
  it('answers 404 in the error format for a path the spec does not have', async () => {
    const { http } = await startMock();
    const response = await http
      .get('/api/v1/rpa/robots')
      .expect(404)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({ type: 'not_found', status: 404 });
  });

  it('answers a page path no page serves in the error format too', async () => {
    const { http } = await startMock();
    for (const [method, path] of [
      ['get', '/docs/nope'],
      ['get', '/__mock/assets/missing.js'],
      ['post', '/'],
      ['delete', '/docs'],
    ] as const) {
      const response = await http[method](path)
        .expect(404)
        .expect('content-type', /application\/problem\+json/);
      expect(response.body).toMatchObject({ type: 'not_found', status: 404 });
    }
  });

  it('answers 405 with Allow for a known path and another method', async () => {
    const { http } = await startMock();
    const response = await http.delete(jobsPath).expect(405).expect('allow', 'GET, HEAD');
    expect(response.body).toMatchObject({ type: 'method_not_allowed', status: 405 });
    await http.get(`${jobsPath}/6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e04/_execute`).expect(405).expect('allow', 'POST');
  });
});

describe('HEAD', () => {
  it('answers like GET, without the body', async () => {
    const { http } = await startMock();
    const head = await http
      .head(jobsPath)
      .query({ environment: 'default' })
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(head.text).toBeUndefined();
    await http.head(jobsPath).expect(400);
  });
});

describe('CORS', () => {
  it('allows localhost origins, with a preflight that includes Authorization', async () => {
    const { http } = await startMock();
    const preflight = await http
      .options(jobsPath)
      .set('Origin', 'http://localhost:5173')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/authorization/i);
    // The methods the API and the control API take, no others.
    expect(preflight.headers['access-control-allow-methods']!.split(',').sort()).toEqual(['GET', 'HEAD', 'POST', 'PUT']);
    const asked = await http
      .options(jobsPath)
      .set('Origin', 'http://localhost:5173')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'x-request-id, prefer');
    expect(asked.headers['access-control-allow-headers']).toBe('x-request-id, prefer');
    const get = await http.get(jobsPath).query({ environment: 'default' }).set('Origin', 'http://127.0.0.1:3000').expect(200);
    expect(get.headers['access-control-allow-origin']).toBe('http://127.0.0.1:3000');
  });

  it('does not allow other origins unless listed, and logs the flag that would', async () => {
    const lines: string[] = [];
    const logStream = new Writable({ write: (chunk, _encoding, done) => void (lines.push(chunk.toString()), done()) });
    const closed = await createMock({ log: 'json' }, { logStream });
    const denied = await request(closed.app).get(jobsPath).query({ environment: 'default' }).set('Origin', 'https://app.example.com');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    expect(lines.join('')).toMatch(
      /browser origin https:\/\/app\.example\.com refused by CORS: start with --cors-origin https:\/\/app\.example\.com to allow it/,
    );
    const plain = await request(closed.app).get(jobsPath).query({ environment: 'default' });
    expect(plain.headers.vary).toBe('Origin');
    const open = await startMock({ corsOrigins: ['https://app.example.com'] });
    const allowed = await open.http.get(jobsPath).query({ environment: 'default' }).set('Origin', 'https://app.example.com');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
  });
});

describe('--auth-token', () => {
  it('requires the bearer token on every operation, with 401 in the error format otherwise', async () => {
    const { http } = await startMock({ authToken: 's3cret-token' });
    const missing = await http.get(jobsPath).query({ environment: 'default' }).expect(401).expect('www-authenticate', 'Bearer');
    expect(missing.body).toMatchObject({ type: 'unauthorized', status: 401 });
    expect(JSON.stringify(missing.body)).not.toContain('s3cret-token');
    await http.get(jobsPath).query({ environment: 'default' }).set('Authorization', 'Bearer wrong').expect(401);
    await http.get(jobsPath).query({ environment: 'default' }).set('Authorization', 's3cret-token').expect(401);
    await http.get(jobsPath).query({ environment: 'default' }).set('Authorization', 'Bearer s3cret-token').expect(200);
    await http.post(`${jobsPath}/6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e04/_execute`).expect(401);
  });

  it('is not needed when not set', async () => {
    const { http } = await startMock();
    await http.get(jobsPath).query({ environment: 'default' }).expect(200);
  });
});

describe('--strict', () => {
  async function appWith(engine: Engine, strict: boolean) {
    const { match, validators } = await loadSpecBundle();
    return createApp({
      api: {
        match,
        validators,
        engine,
        bodyLimit: 1024,
        requestCheck: 'reject',
        responseCheck: strict ? 'reject' : 'off',
        rejectAs: 'invalid_response',
      },
      logger: createLogger('silent'),
      corsOrigins: [],
      corsMethods: ['GET', 'HEAD', 'POST'],
    });
  }
  const brokenEngine: Engine = {
    name: 'broken',
    answer: async () => ({ status: 200, body: { count: 1, jobs: [{ id: 'not-a-uuid', job_name: 'x' }] } }),
  };

  it('turns an answer that breaks the spec into a 500 that lists the first 20 reasons and counts the rest', async () => {
    const response = await request(await appWith(brokenEngine, true))
      .get(jobsPath)
      .query({ environment: 'default' })
      .expect(500);
    expect(response.body).toMatchObject({ type: 'invalid_response', status: 500, more_errors: expect.any(Number) });
    expect(response.body.detail).toMatch(/breaks the spec in \d+ places; the first 20 are listed/);
    const pointers = (response.body.errors as { pointer: string; rule: string }[]).map((e) => `${e.pointer} ${e.rule}`);
    expect(pointers).toHaveLength(20);
    expect(pointers).toEqual(expect.arrayContaining(['/jobs/0/status required']));
  });

  it('lets the same answer through without --strict', async () => {
    await request(await appWith(brokenEngine, false))
      .get(jobsPath)
      .query({ environment: 'default' })
      .expect(200);
  });

  it('answers an engine failure with a 500 in the error format and no stack trace', async () => {
    const failing: Engine = {
      name: 'failing',
      answer: async () => {
        throw new Error('disk on fire at /src/secret.ts:12');
      },
    };
    const response = await request(await appWith(failing, true))
      .get(jobsPath)
      .query({ environment: 'default' })
      .expect(500);
    expect(response.body).toEqual({
      type: 'internal_error',
      title: 'Internal server error',
      status: 500,
      detail: 'The server failed to answer; see its log.',
    });
  });
});

describe('the request log', () => {
  it('writes one line per request, and never a header or token', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _encoding, done) => void (lines.push(chunk.toString()), done()) });
    const mock = await createMock({ log: 'json', authToken: 'log-secret-token' }, { logStream: stream });
    const http = request(mock.app);
    await http.get(jobsPath).query({ environment: 'default' }).set('Authorization', 'Bearer log-secret-token').expect(200);
    await http.get(`${jobsPath}/42`).set('Authorization', 'Bearer log-secret-token').expect(400);
    // A page path no page serves is answered, and logged, once, by the API.
    await http.get('/docs/nope').expect(404);
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]!)).toMatchObject({ url: '/docs/nope', status: 404 });
    expect(JSON.parse(lines[0]!)).toMatchObject({ method: 'GET', url: '/api/v1/rpa/jobs?environment=default', status: 200 });
    expect(JSON.parse(lines[1]!)).toMatchObject({
      status: 400,
      reason: "path parameter 'id' must be a valid uuid [rule: format]",
      msg: 'GET /api/v1/rpa/jobs/42 400 ' + JSON.parse(lines[1]!).ms + "ms: path parameter 'id' must be a valid uuid [rule: format]",
    });
    expect(lines.join('')).not.toContain('log-secret-token');
  });

  it("logs a 5xx as the mock's own error only when nobody asked for it", async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _encoding, done) => void (lines.push(chunk.toString()), done()) });
    const mock = await createMock({ log: 'json', errorRate: 1 }, { logStream: stream });
    await request(mock.app).get(jobsPath).query({ environment: 'default' }).expect(500);
    const clean = await createMock({ log: 'json' }, { logStream: stream });
    await request(clean.app).get(jobsPath).query({ environment: 'default' }).set('Prefer', 'code=500').expect(500);
    const answers = lines.map((line) => JSON.parse(line) as { level: number; status?: number }).filter((line) => line.status === 500);
    // pino levels: 40 is warn, 50 error.
    expect(answers.map((line) => line.level)).toEqual([40, 40]);
  });
});

describe('the readable log', () => {
  it('is one line per request', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write: (chunk, _encoding, done) => void (lines.push(...chunk.toString().split('\n').filter(Boolean)), done()),
    });
    const mock = await createMock({ log: 'pretty' }, { logStream: stream });
    await request(mock.app).get(jobsPath).query({ environment: 'default' }).expect(200);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/INFO.*GET \/api\/v1\/rpa\/jobs\?environment=default 200 [\d.]+ms/);
  });
});

describe('--now real', () => {
  it('dates the data around the time of start-up', async () => {
    const before = Date.now();
    const mock = await createMock({ log: 'silent', now: 'real' });
    expect(mock.clock.now()).toBeGreaterThanOrEqual(before - 1000);
    expect(mock.clock.now()).toBeLessThanOrEqual(Date.now() + 1000);
  });
});

describe('determinism', () => {
  it('gives byte-identical bodies for the same seed and different ones for another', async () => {
    const body = async (seed: number) => (await (await startMock({ seed })).http.get(jobsPath).query({ environment: 'default' })).text;
    expect(await body(42)).toBe(await body(42));
    expect(await body(42)).not.toBe(await body(43));
  });

  it('gives different jobs for a different --jobs only beyond the shared ones', async () => {
    const small = await listDefaultJobs((await startMock({ jobs: 20 })).http);
    const large = await listDefaultJobs((await startMock({ jobs: 40 })).http);
    expect(large.slice(0, small.length).map((j) => j.job_name)).toEqual(small.map((j) => j.job_name));
  });
});
