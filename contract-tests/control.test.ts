import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Job } from '../src';
import { ScenarioError } from '../src/scenario/loadScenario';
import { jobsPath, listDefaultJobs, startMock } from './support/startMock';

const dir = mkdtempSync(path.join(tmpdir(), 'rpa-control-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the control API', () => {
  it('serves its own OpenAPI document', async () => {
    const { http } = await startMock();
    const response = await http.get('/__mock/openapi.json').expect(200);
    expect(response.body.info.title).toBe('rpa-mock control API');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/__mock/clock', '/__mock/clock/advance', '/__mock/reset', '/__mock/scenario', '/__mock/journal']),
    );
  });

  it('reads, sets and advances the clock, never backwards', async () => {
    const { http } = await startMock();
    expect((await http.get('/__mock/clock').expect(200)).body).toEqual({ now: '2026-03-14T09:30:00.000Z', mode: 'frozen' });
    expect((await http.put('/__mock/clock').send({ now: '2026-03-14T10:00:00.000Z' }).expect(200)).body.now).toBe(
      '2026-03-14T10:00:00.000Z',
    );
    expect((await http.post('/__mock/clock/advance').send({ seconds: 90 }).expect(200)).body.now).toBe('2026-03-14T10:01:30.000Z');
    const back = await http.put('/__mock/clock').send({ now: '2026-03-14T09:00:00.000Z' }).expect(409);
    expect(back.body.detail).toMatch(/only moves forward/);
    const bad = await http.post('/__mock/clock/advance').send({ seconds: 'soon' }).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ pointer: '/seconds', rule: 'type' })]);
  });

  it('refuses times the clock cannot represent with 400 and the rule, and keeps working', async () => {
    const { http } = await startMock();
    const leap = await http.put('/__mock/clock').send({ now: '2026-12-31T23:59:60Z' }).expect(400);
    expect(leap.body.errors).toEqual([expect.objectContaining({ pointer: '/now', rule: 'pattern' })]);
    const year10000 = await http.put('/__mock/clock').send({ now: '9999-12-31T23:59:59-01:00' }).expect(400);
    expect(year10000.body.errors).toEqual([
      expect.objectContaining({ pointer: '/now', rule: 'representable-time', message: expect.stringMatching(/after the year 9999/) }),
    ]);
    await http.put('/__mock/clock').send({ now: '1969-12-31T23:59:59Z' }).expect(400);
    await http.put('/__mock/clock').send({ now: '9999-12-31T00:00:00Z' }).expect(200);
    const past9999 = await http.post('/__mock/clock/advance').send({ seconds: 86_400 }).expect(400);
    expect(past9999.body.errors).toEqual([expect.objectContaining({ pointer: '/seconds', rule: 'representable-time' })]);
    expect((await http.get('/__mock/clock').expect(200)).body.now).toBe('9999-12-31T00:00:00.000Z');
    const jobs = await listDefaultJobs(http);
    const job = jobs.find((j) => j.active)!;
    await http.post(`${jobsPath}/${job.id}/_execute`).expect(202);
    await http.post('/__mock/clock/advance').send({ seconds: 86_399.999 }).expect(200);
    await http.get(`${jobsPath}/${job.id}`).expect(200);
  });

  it('shows a run go Queued → Running → Completed or Failed on demand', async () => {
    const { http } = await startMock();
    const job = (await listDefaultJobs(http)).find((j) => j.active && j.status !== 'running')!;
    const { body: run } = await http.post(`${jobsPath}/${job.id}/_execute`).expect(202);
    const status = async () => ((await http.get(`${jobsPath}/${job.id}`)).body as Job).job_instances.find((i) => i.id === run.id)!.status;
    expect(await status()).toBe('queued');
    await http.post('/__mock/clock/advance').send({ seconds: 7 }).expect(200);
    expect(await status()).toBe('running');
    await http.post('/__mock/clock/advance').send({ seconds: 60 }).expect(200);
    expect(['completed', 'failed']).toContain(await status());
  });

  it('fires scheduled runs as the clock advances: 3 days from a Monday, 3 runs of a weekday job', async () => {
    const { http } = await startMock({ now: Date.parse('2026-03-16T09:30:00Z'), jobs: 200 });
    const before = (await listDefaultJobs(http)).find((j) => j.active && j.scheduled?.cron_expression === '0 6 * * 1-5')!;
    await http
      .post('/__mock/clock/advance')
      .send({ seconds: 3 * 86_400 })
      .expect(200);
    const after = (await http.get(`${jobsPath}/${before.id}`).expect(200)).body as Job;
    const fired = after.job_instances.slice(before.job_instances.length);
    expect(fired.map((i) => `${i.triggered_by} ${i.queued_at}`)).toEqual([
      'schedule 2026-03-17T05:00:00.000Z',
      'schedule 2026-03-18T05:00:00.000Z',
      'schedule 2026-03-19T05:00:00.000Z',
    ]);
    expect(after.previous_trigger).toBe('2026-03-19T05:00:00.000Z');
  });

  it('serves a fixture job as written until its schedule fires', async () => {
    const fixtures = path.resolve(__dirname, '../fixtures/seed-42.json');
    const written = JSON.parse(readFileSync(fixtures, 'utf8')).jobs as Job[];
    const job = written.find((j) => j.active && j.scheduled && j.status === 'scheduled')!;
    const { http } = await startMock({ fixtures });
    const trigger = Date.parse(job.next_trigger!);
    await http
      .put('/__mock/clock')
      .send({ now: new Date(trigger - 1).toISOString() })
      .expect(200);
    expect((await http.get(`${jobsPath}/${job.id}`).expect(200)).body).toEqual(job);
    await http.post('/__mock/clock/advance').send({ seconds: 0.001 }).expect(200);
    const fired = (await http.get(`${jobsPath}/${job.id}`).expect(200)).body as Job;
    expect(fired.job_instances.at(-1)).toMatchObject({ triggered_by: 'schedule', status: 'queued', queued_at: job.next_trigger });
    expect(fired).toMatchObject({ status: 'running', previous_trigger: job.next_trigger });
  });

  it('resets runs, clock, scenario and journal to the start, in one reset', async () => {
    const { http } = await startMock({ errorRate: 0 });
    const job = (await listDefaultJobs(http)).find((j) => j.active)!;
    const { now: start } = (await http.get('/__mock/clock').expect(200)).body;
    await http.post(`${jobsPath}/${job.id}/_execute`).expect(202);
    await http.post('/__mock/clock/advance').send({ seconds: 3600 }).expect(200);
    await http.put('/__mock/scenario').send({ errorRate: 1 }).expect(200);
    await http.post('/__mock/reset').expect(200, { reset: true });
    expect((await http.get('/__mock/clock')).body.now).toBe(start);
    expect((await http.get('/__mock/scenario')).body).toEqual({ errorRate: 0 });
    expect((await http.get(`${jobsPath}/${job.id}`)).body.job_instances).toHaveLength(job.job_instances.length);
    expect((await http.get('/__mock/journal')).body.entries).toHaveLength(1);
  });

  it('journals API requests with status, timing and the validation of request and answer', async () => {
    const { http } = await startMock({ journalSize: 3 });
    await http.get(jobsPath).query({ environment: 'default' }).expect(200);
    await http.get(jobsPath).expect(400);
    await http.get('/api/v1/rpa/robots').expect(404);
    const { body } = await http.get('/__mock/journal').query({ limit: 3 }).expect(200);
    expect(body.capacity).toBe(3);
    expect(body.entries.map((e: { method: string; url: string; status: number }) => `${e.method} ${e.url} ${e.status}`)).toEqual([
      'GET /api/v1/rpa/robots 404',
      'GET /api/v1/rpa/jobs 400',
      'GET /api/v1/rpa/jobs?environment=default 200',
    ]);
    expect(body.entries[0]).toMatchObject({ operationId: null, response: { valid: null } });
    expect(body.entries[1]).toMatchObject({
      operationId: 'listJobs',
      request: { valid: false, violations: [expect.objectContaining({ pointer: '/environment', rule: 'required' })] },
      response: { valid: true },
    });
    expect(body.entries[2]).toMatchObject({ request: { valid: true }, response: { valid: true, violations: [] } });
    expect(typeof body.entries[2].durationMs).toBe('number');
    for (let i = 0; i < 5; i++) await http.get(jobsPath).query({ environment: 'default' });
    expect((await http.get('/__mock/journal')).body.entries).toHaveLength(3);
  });

  it('switches the scenario, and refuses a bad one naming the problem', async () => {
    const { http } = await startMock();
    await http
      .put('/__mock/scenario')
      .send({ operations: { getJob: { errorRate: 1 } } })
      .expect(200);
    const [job] = await listDefaultJobs(http);
    const failed = await http.get(`${jobsPath}/${job!.id}`).expect(500);
    expect(failed.body).toMatchObject({ type: 'internal_error', detail: expect.stringMatching(/Injected fault/) });
    expect((await http.get('/__mock/journal').query({ limit: 1 })).body.entries[0].fault).toEqual({ latencyMs: 0, error: true });
    const bad = await http
      .put('/__mock/scenario')
      .send({ operations: { deleteJob: { errorRate: 1 } } })
      .expect(400);
    expect(bad.body.detail).toMatch(/deleteJob|propertyNames/);
    expect((await http.get('/__mock/scenario')).body).toEqual({ operations: { getJob: { errorRate: 1 } } });
  });

  it('is off with --no-control, and needs the token with --auth-token', async () => {
    const off = await startMock({ control: false });
    await off.http.get('/__mock/clock').expect(404);
    const secured = await startMock({ authToken: 'control-token' });
    await secured.http.get('/__mock/clock').expect(401);
    await secured.http.get('/__mock/clock').set('Authorization', 'Bearer control-token').expect(200);
  });
});

describe('faults', () => {
  it('--error-rate answers that share of requests with a 500 in the spec error format', async () => {
    const { http } = await startMock({ errorRate: 0.5 });
    let failures = 0;
    for (let i = 0; i < 200; i++) {
      const response = await http.get(jobsPath).query({ environment: 'default' });
      if (response.status === 500) {
        failures += 1;
        expect(response.body).toMatchObject({ type: 'internal_error', status: 500 });
      } else expect(response.status).toBe(200);
    }
    expect(failures).toBeGreaterThan(70);
    expect(failures).toBeLessThan(130);
  });

  it('--latency delays each request by a drawn amount, recorded in the journal', async () => {
    const { http } = await startMock({ latency: '30-60' });
    const started = performance.now();
    await http.get(jobsPath).query({ environment: 'default' }).expect(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    const [entry] = (await http.get('/__mock/journal')).body.entries;
    expect(entry.fault.latencyMs).toBeGreaterThanOrEqual(30);
    expect(entry.fault.latencyMs).toBeLessThanOrEqual(60);
  });

  it('a scenario file sets faults per operation, and a bad one is refused at start', async () => {
    const file = path.join(dir, 'flaky.yaml');
    writeFileSync(file, 'latency: 0\noperations:\n  executeJob:\n    errorRate: 1\n');
    const { http } = await startMock({ scenario: file });
    const job = (await listDefaultJobs(http)).find((j) => j.active)!;
    await http.post(`${jobsPath}/${job.id}/_execute`).expect(500);
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'errorRate: lots\n');
    await expect(startMock({ scenario: bad })).rejects.toThrow(ScenarioError);
    await expect(startMock({ scenario: bad })).rejects.toThrow(/\/errorRate: scenario at \/errorRate must be number \(rule: type\)/);
  });
});

describe('the journal and huge answers', () => {
  it('does not keep an answer larger than a quarter of the journal budget for checking', async () => {
    const { http } = await startMock({ jobs: 2000, strict: false, journalBytes: 4_000_000 });
    await http.get(jobsPath).query({ environment: 'default' }).expect(200);
    await http.get(jobsPath).query({ environment: 'test' }).expect(200);
    const [small, huge] = (await http.get('/__mock/journal')).body.entries;
    expect(small.response.valid).toBe(true);
    expect(huge).toMatchObject({
      url: '/api/v1/rpa/jobs?environment=default',
      response: { valid: null, note: expect.stringMatching(/too large for the journal/) },
    });
  });
});
