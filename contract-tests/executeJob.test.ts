import { jobsPath, listDefaultJobs, startMock } from './support/startMock';
import type { Job } from '../src';
import { maxRunsPerJob } from '../src/state/executionStore';

async function setup() {
  const started = await startMock();
  const jobs = await listDefaultJobs(started.http);
  const idle = jobs.find((job) => job.active && job.status !== 'running')!;
  const inactive = jobs.find((job) => !job.active);
  return { ...started, idle, inactive };
}

describe('POST /api/v1/rpa/jobs/{id}/_execute', () => {
  it('answers 202 with a queued instance that then shows in the job', async () => {
    const { http, idle, clock } = await setup();
    const response = await http
      .post(`${jobsPath}/${idle.id}/_execute`)
      .expect(202)
      .expect('content-type', /application\/json/);
    expect(response.body).toMatchObject({ status: 'queued', triggered_by: 'manual', started_at: null, ended_at: null });
    const job: Job = (await http.get(`${jobsPath}/${idle.id}`).expect(200)).body;
    expect(job.job_instances.at(-1)).toEqual(response.body);
    expect(job.job_instances).toHaveLength(idle.job_instances.length + 1);
    expect(job.previous_trigger).toBe(new Date(clock.now()).toISOString());
    expect(job.status).toBe('running');
    expect(job.end_date).toBeNull();
  });

  it(`keeps the newest ${maxRunsPerJob} runs started for a job, each with an id of its own`, async () => {
    const { http, idle, clock } = await setup();
    const ids: string[] = [];
    for (let n = 0; n < maxRunsPerJob + 5; n++) {
      ids.push((await http.post(`${jobsPath}/${idle.id}/_execute`).expect(202)).body.id);
      clock.advance(1000);
    }
    expect(new Set(ids).size).toBe(ids.length);
    const job: Job = (await http.get(`${jobsPath}/${idle.id}`).expect(200)).body;
    const started = job.job_instances.filter((instance) => instance.triggered_by === 'manual' && ids.includes(instance.id));
    expect(started.map((instance) => instance.id)).toEqual(ids.slice(-maxRunsPerJob));
  });

  it('takes the run from Queued to Running to Completed or Failed as the clock moves', async () => {
    const { http, idle, clock } = await setup();
    const { body: run } = await http.post(`${jobsPath}/${idle.id}/_execute`).expect(202);
    const lastRun = async () =>
      ((await http.get(`${jobsPath}/${idle.id}`).expect(200)).body as Job).job_instances.find((i) => i.id === run.id)!;
    const seen = [(await lastRun()).status];
    for (let step = 0; step < 50; step++) {
      clock.advance(1000);
      const status = (await lastRun()).status;
      if (status !== seen.at(-1)) seen.push(status);
    }
    expect(seen.slice(0, 2)).toEqual(['queued', 'running']);
    expect(seen).toHaveLength(3);
    expect(['completed', 'failed']).toContain(seen[2]);
    const job: Job = (await http.get(`${jobsPath}/${idle.id}`).expect(200)).body;
    expect(job.status).not.toBe('running');
    expect(job.end_date).toBe((await lastRun()).ended_at);
  });

  it('shows the run in the list as well as by id', async () => {
    const { http, idle } = await setup();
    await http.post(`${jobsPath}/${idle.id}/_execute`).expect(202);
    const listed = (await listDefaultJobs(http)).find((job) => job.id === idle.id)!;
    expect(listed).toEqual((await http.get(`${jobsPath}/${idle.id}`)).body);
  });

  it('accepts input arguments', async () => {
    const { http, idle } = await setup();
    await http
      .post(`${jobsPath}/${idle.id}/_execute`)
      .send({ input_arguments: { invoice_folder: '/inbox', batch: 5 } })
      .expect(202);
  });

  it('refuses an inactive job with 409', async () => {
    const { http, inactive } = await setup();
    expect(inactive).toBeDefined();
    const response = await http.post(`${jobsPath}/${inactive!.id}/_execute`).expect(409);
    expect(response.body).toMatchObject({ type: 'conflict', status: 409 });
    expect((await http.get(`${jobsPath}/${inactive!.id}`)).body).toEqual(inactive);
  });

  it('answers 404 for an unknown id', async () => {
    const { http } = await setup();
    await http.post(`${jobsPath}/6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e05/_execute`).expect(404);
  });

  it('answers 400 for malformed JSON, a wrong content type and an unknown field, and keeps no run', async () => {
    const { http, idle } = await setup();
    const path = `${jobsPath}/${idle.id}/_execute`;
    const malformed = await http.post(path).set('content-type', 'application/json').send('{"input_arguments":').expect(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ location: 'body', rule: 'json' })]);
    const text = await http.post(path).set('content-type', 'text/plain').send('run it').expect(400);
    expect(text.body.errors).toEqual([expect.objectContaining({ location: 'header', pointer: '/content-type', rule: 'content-type' })]);
    const unknown = await http.post(path).send({ inputArguments: {} }).expect(400);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ location: 'body', pointer: '/inputArguments', rule: 'additionalProperties' }),
    ]);
    const wrongType = await http.post(path).send({ input_arguments: 'all' }).expect(400);
    expect(wrongType.body.errors).toEqual([expect.objectContaining({ location: 'body', pointer: '/input_arguments', rule: 'type' })]);
    expect((await http.get(`${jobsPath}/${idle.id}`)).body).toEqual(idle);
  });

  it('lists the first 20 of thousands of violations and counts the rest, in a short answer', async () => {
    const { http, idle } = await setup();
    const args = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`a${i}`, {}]));
    const response = await http.post(`${jobsPath}/${idle.id}/_execute`).send({ input_arguments: args }).expect(400);
    expect(response.body).toMatchObject({ type: 'invalid_request', status: 400, more_errors: 4980 });
    expect(response.body.detail).toBe('The request breaks the contract in 5000 places; the first 20 are listed.');
    expect(response.body.errors).toHaveLength(20);
    expect(response.body.errors[0]).toMatchObject({ location: 'body', pointer: '/input_arguments/a0', rule: 'type' });
    expect(response.text.length).toBeLessThan(64 * 1024);
    const [entry] = (await http.get('/__mock/journal?limit=1')).body.entries;
    expect(entry.request).toMatchObject({ valid: false, more: 4980 });
    expect(entry.request.violations).toHaveLength(20);
  });

  it('answers a GET with a large body by the declared 400, the body unread', async () => {
    const { http, idle } = await setup();
    const response = await http
      .get(`${jobsPath}/${idle.id}`)
      .set('content-type', 'application/json')
      .send({ blob: 'x'.repeat(200 * 1024) });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ location: 'body', rule: 'requestBody' })]);
  });

  it('answers 413 for a body over the limit, and keeps no run', async () => {
    const { http, idle } = await setup();
    const huge = { input_arguments: { blob: 'x'.repeat(200 * 1024) } };
    const response = await http.post(`${jobsPath}/${idle.id}/_execute`).send(huge).expect(413);
    expect(response.body).toMatchObject({ type: 'payload_too_large', status: 413 });
    expect((await http.get(`${jobsPath}/${idle.id}`)).body).toEqual(idle);
  });

  it('forgets runs on restart', async () => {
    const first = await setup();
    await first.http.post(`${jobsPath}/${first.idle.id}/_execute`).expect(202);
    const second = await setup();
    expect((await second.http.get(`${jobsPath}/${first.idle.id}`)).body).toEqual(first.idle);
  });
});
