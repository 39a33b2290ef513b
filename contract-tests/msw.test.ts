import { setupServer } from 'msw/node';
import request from 'supertest';
import { createMock } from '../src';
import { createHandlers } from '../src/msw';

const base = 'http://rpa.test';
const jobsUrl = `${base}/api/v1/rpa/jobs`;

// The MSW handlers as a frontend's unit tests use them (setupServer), against the server's own answers.
describe('rpa-mock/msw under setupServer', () => {
  const handlers = createHandlers({ seed: 7, clock: 'frozen' });
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => handlers.reset());
  afterAll(() => server.close());

  it('serves the same bytes as rpa-mock serve --seed 7 --clock frozen: lists, a job, a process, errors', async () => {
    const { app } = await createMock({ seed: 7, clock: 'frozen', log: 'silent' });
    const first = (await request(app).get('/api/v1/rpa/jobs').query({ environment: 'default' })).body.jobs[0];
    for (const path of [
      '/api/v1/rpa/jobs?environment=default',
      '/api/v1/rpa/jobs?environment=test&type=Attended',
      `/api/v1/rpa/jobs/${first.id}`,
      `/api/v1/rpa/process/${first.process_id}`,
      '/api/v1/rpa/process?environment=default&status=Draft',
      '/api/v1/rpa/jobs',
      '/api/v1/rpa/jobs/not-a-uuid',
      '/api/v1/rpa/jobs?environment=prod',
      // No operation has these: the API's 404, not the network.
      '/api/v1/rpa/robots',
      '/api/v1/rpa/jobs/a/b/c',
    ]) {
      const fromServer = await request(app).get(path);
      const fromHandlers = await fetch(`${base}${path}`);
      expect({
        path,
        status: fromHandlers.status,
        type: fromHandlers.headers.get('content-type'),
        body: await fromHandlers.text(),
      }).toEqual({
        path,
        status: fromServer.status,
        type: fromServer.headers['content-type']!.replace('; charset=utf-8', ''),
        body: fromServer.text,
      });
    }
  });

  it('executes a job: the run shows in the job, moves with the clock, and reset forgets it', async () => {
    const list = (await (await fetch(`${jobsUrl}?environment=default`)).json()) as { jobs: { id: string; active: boolean }[] };
    const job = list.jobs.find((candidate) => candidate.active)!;
    const executed = await fetch(`${jobsUrl}/${job.id}/_execute`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(executed.status).toBe(202);
    const run = (await executed.json()) as { id: string; status: string };
    expect(run.status).toBe('queued');
    handlers.clock.advance(60_000);
    const after = (await (await fetch(`${jobsUrl}/${job.id}`)).json()) as { job_instances: { id: string; status: string }[] };
    expect(after.job_instances.find((instance) => instance.id === run.id)?.status).toMatch(/^(completed|failed)$/);
    await handlers.reset();
    const reset = (await (await fetch(`${jobsUrl}/${job.id}`)).json()) as { job_instances: { id: string }[] };
    expect(reset.job_instances.some((instance) => instance.id === run.id)).toBe(false);
  });

  it('validates requests and honours Prefer, as the server does', async () => {
    const bad = await fetch(`${jobsUrl}?environment=default&type=Robot`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { pointer: string }[] }).errors[0]!.pointer).toBe('/type');
    const preferred = await fetch(`${jobsUrl}?environment=default`, { headers: { Prefer: 'code=404' } });
    expect(preferred.status).toBe(404);
    const notAllowed = await fetch(`${jobsUrl}?environment=default`, { method: 'DELETE' });
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('createHandlers options', () => {
  it('injects a scenario’s errors, requires a token when given one, and answers only under its base URL', async () => {
    const handlers = createHandlers({
      clock: 'frozen',
      authToken: 'front-token',
      scenario: { operations: { listJobs: { errorRate: 1 } } },
      baseUrl: 'https://gw.example.com/ACME/RPA',
    });
    const server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'bypass' });
    try {
      const url = 'https://gw.example.com/ACME/RPA/api/v1/rpa/jobs?environment=default';
      expect((await fetch(url)).status).toBe(401);
      const failed = await fetch(url, { headers: { Authorization: 'Bearer front-token' } });
      expect(failed.status).toBe(500);
      expect(((await failed.json()) as { detail: string }).detail).toMatch(/Injected fault/);
    } finally {
      server.close();
    }
    expect(() => createHandlers({ scenario: { errorRate: 2 } })).toThrow(/errorRate/);
  });
});

describe('the control surface, by the same names in every adapter', () => {
  const handlers = createHandlers({ seed: 7, clock: 'frozen' });
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    server.resetHandlers();
    await handlers.reset();
  });
  afterAll(() => server.close());

  it('forces one answer for the next valid request of an operation, then answers as before', async () => {
    const { jobs } = (await (await fetch(`${jobsUrl}?environment=default`)).json()) as { jobs: { id: string }[] };
    handlers.forceNext('getJob', { status: 503 });
    handlers.forceNext('getJob', { status: 200, body: { note: 'not a job' } });
    // An invalid request is refused as always, and does not use up the forced answer.
    expect((await fetch(`${jobsUrl}/not-a-uuid`)).status).toBe(400);
    const first = await fetch(`${jobsUrl}/${jobs[0]!.id}`);
    expect([first.status, ((await first.json()) as { type: string }).type]).toEqual([503, 'service_unavailable']);
    expect(await (await fetch(`${jobsUrl}/${jobs[0]!.id}`)).json()).toEqual({ note: 'not a job' });
    expect((await fetch(`${jobsUrl}/${jobs[0]!.id}`)).status).toBe(200);
    expect(() => handlers.forceNext('getRobot', { status: 500 })).toThrow(/no operation 'getRobot'; the operations are listJobs, getJob/);
    expect(() => handlers.forceNext('getJob', { status: 99 })).toThrow(/from 200 to 599/);
  });

  it('sets and clears a scenario, and reset forgets forced answers and restores the first scenario', async () => {
    await handlers.setScenario({ errorRate: 1 });
    expect((await fetch(`${jobsUrl}?environment=default`)).status).toBe(500);
    await handlers.clearScenario();
    expect((await fetch(`${jobsUrl}?environment=default`)).status).toBe(200);
    await expect(handlers.setScenario({ errorRate: 2 } as never)).rejects.toThrow(/errorRate/);
    handlers.forceNext('listJobs', { status: 404 });
    await handlers.setScenario({ errorRate: 1 });
    await handlers.reset();
    expect((await fetch(`${jobsUrl}?environment=default`)).status).toBe(200);
  });
});
