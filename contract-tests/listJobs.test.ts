import { jobsPath, startMock } from './support/startMock';
import type { Job } from '../src';

describe('GET /api/v1/rpa/jobs', () => {
  it('lists the unattended jobs of an environment as { count, jobs }', async () => {
    const { http, mock } = await startMock();
    const response = await http
      .get(jobsPath)
      .query({ environment: 'default' })
      .expect(200)
      .expect('content-type', /application\/json/);
    const defaultId = mock.source.environments.find((e) => e.name === 'default')!.environment_id;
    expect(response.body.count).toBe(response.body.jobs.length);
    expect(response.body.count).toBeGreaterThan(0);
    for (const job of response.body.jobs as Job[]) {
      expect(job.environment_id).toBe(defaultId);
      expect(job.type).toBe('Unattended');
    }
  });

  it('honours the type filter and every environment the mock knows', async () => {
    const { http, mock } = await startMock({ jobs: 200 });
    let total = 0;
    for (const environment of mock.source.environments) {
      for (const type of ['Unattended', 'Attended'] as const) {
        const response = await http.get(jobsPath).query({ environment: environment.name, type }).expect(200);
        const jobs = response.body.jobs as Job[];
        expect(jobs.every((job) => job.environment_id === environment.environment_id && job.type === type)).toBe(true);
        total += jobs.length;
      }
    }
    expect(total).toBe(200);
  });

  it('sends a short list whole, the same bytes while its jobs are unchanged, new ones once a job changes', async () => {
    const { http, clock } = await startMock();
    const list = () => http.get(jobsPath).query({ environment: 'default' }).expect(200);
    const first = await list();
    expect(first.headers['content-length']).toBe(String(Buffer.byteLength(first.text)));
    expect(first.text).toBe(JSON.stringify(JSON.parse(first.text)));
    expect((await list()).text).toBe(first.text);
    // An execution changes its job, and only that job.
    const job = (first.body.jobs as Job[]).find((candidate) => candidate.active)!;
    await http.post(`${jobsPath}/${job.id}/_execute`).send({}).expect(202);
    const executed = await list();
    const changed = (executed.body.jobs as Job[]).filter((after, i) => JSON.stringify(after) !== JSON.stringify(first.body.jobs[i]));
    expect(changed.map((after) => after.id)).toEqual([job.id]);
    expect(changed[0]!.job_instances.at(-1)!.status).toBe('queued');
    // The clock moving on changes the run again; the list follows.
    clock.advance(60 * 60 * 1000);
    const later = await list();
    expect((later.body.jobs as Job[]).find((after) => after.id === job.id)!.job_instances.at(-1)!.status).not.toBe('queued');
    expect(later.text).toBe(JSON.stringify(later.body));
  });

  it('knows the default environment among a few named ones, each with its own id', async () => {
    const { mock } = await startMock();
    const names = mock.source.environments.map((e) => e.name);
    expect(names).toContain('default');
    expect(new Set(mock.source.environments.map((e) => e.environment_id)).size).toBe(names.length);
  });

  it('answers 400 naming the parameter when environment is missing', async () => {
    const { http } = await startMock();
    const response = await http
      .get(jobsPath)
      .expect(400)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: 'invalid_request',
      status: 400,
      errors: [{ location: 'query', pointer: '/environment', rule: 'required' }],
    });
  });

  it('answers 400 naming the allowed values for an unknown type', async () => {
    const { http } = await startMock();
    const response = await http.get(jobsPath).query({ environment: 'default', type: 'robot' }).expect(400);
    expect(response.body.errors).toEqual([
      { location: 'query', pointer: '/type', rule: 'enum', message: 'query parameter \'type\' must be one of: "Unattended", "Attended"' },
    ]);
  });

  it('answers 400 when a parameter is given twice', async () => {
    const { http } = await startMock();
    const response = await http.get(`${jobsPath}?environment=default&environment=test`).expect(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/environment', rule: 'type' })]);
  });

  it('answers 404 naming the known environments for an unknown one', async () => {
    const { http } = await startMock();
    const response = await http.get(jobsPath).query({ environment: 'prod' }).expect(404);
    expect(response.body.detail).toBe("No environment is named 'prod'. Known environments: default, development, test, production.");
  });

  it('serves 100,000 jobs without generating them up front', async () => {
    const { http, mock } = await startMock({ jobs: 100_000 });
    expect(mock.source.size).toBe(100_000);
    const last = mock.source.record(99_999).fields.id;
    const response = await http.get(`${jobsPath}/${last}`).expect(200);
    expect(response.body.id).toBe(last);
  });
});
