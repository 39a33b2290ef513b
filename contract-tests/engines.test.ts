import { close, listen } from '../src';
import { exitCodeOf, formatReport, runContract } from '../src/contract';
import { jobsPath, startMock } from './support/startMock';
import type { AddressInfo } from 'node:net';

const exampleJobId = '6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e04';

/** Both engines behind the same flags; strict, so every answer is checked against the spec. */
async function engines() {
  const faker = await startMock({ engine: 'faker' });
  const prism = await startMock({ engine: 'prism' });
  const fakerJob = (await faker.http.get(jobsPath).query({ environment: 'default' })).body.jobs.find((j: { active: boolean }) => j.active)
    .id as string;
  return [
    { name: 'faker', ...faker, jobId: fakerJob },
    { name: 'prism', ...prism, jobId: exampleJobId },
  ];
}

describe('the faker and prism engines', () => {
  let both: Awaited<ReturnType<typeof engines>>;
  beforeAll(async () => {
    both = await engines();
  }, 30_000);

  it('answer the same requests with the same statuses, each answer within the spec', async () => {
    for (const { http, jobId, name } of both) {
      const statuses = [
        (await http.get(jobsPath).query({ environment: 'default' })).status,
        (await http.get(jobsPath).query({ environment: 'default', type: 'Attended' })).status,
        (await http.get(`${jobsPath}/${jobId}`)).status,
        (await http.get(`${jobsPath}/00000000-0000-4000-8000-000000000000`)).status,
        (await http.post(`${jobsPath}/${jobId}/_execute`).send({})).status,
        (await http.get(jobsPath)).status,
      ];
      expect({ name, statuses }).toEqual({ name, statuses: [200, 200, 200, 404, 202, 400] });
    }
  });

  it('answer Prefer: code=404 with 404 in the error format', async () => {
    for (const { http, jobId } of both) {
      const response = await http
        .get(`${jobsPath}/${jobId}`)
        .set('Prefer', 'code=404')
        .expect(404)
        .expect('content-type', /application\/problem\+json/);
      expect(response.body).toMatchObject({ type: 'not_found', status: 404 });
    }
  });

  it('answer Prefer: example=NAME with that example of the spec', async () => {
    for (const { http, jobId } of both) {
      const response = await http.post(`${jobsPath}/${jobId}/_execute`).set('Prefer', 'example=inactive').expect(409);
      expect(response.body.detail).toBe('Job 6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e04 is inactive and cannot be executed.');
    }
  });

  it('answer Prefer: dynamic=true with a generated answer that keeps the spec', async () => {
    for (const { http, jobId } of both) {
      const response = await http.get(`${jobsPath}/${jobId}`).set('Prefer', 'dynamic=true').expect(200);
      expect(response.body.id).toBe(jobId);
    }
  });

  it('refuse a bad Prefer value with 400 naming it', async () => {
    for (const { http } of both) {
      const response = await http.get(jobsPath).query({ environment: 'default' }).set('Prefer', 'code=teapot').expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ location: 'header', pointer: '/prefer', rule: 'prefer' })]);
    }
  });

  it('refuse Prefer: code for a status the operation does not declare', async () => {
    const [faker] = both;
    const response = await faker!.http.get(jobsPath).query({ environment: 'default' }).set('Prefer', 'code=418').expect(400);
    expect(response.body.detail).toMatch(/code=418 is not a status listJobs declares/);
  });
});

describe('the prism engine', () => {
  it('passes the contract suite', async () => {
    const { mock } = await startMock({ engine: 'prism', authToken: 'prism-token' });
    const server = await listen(mock.app, '127.0.0.1', 0);
    try {
      const report = await runContract({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        token: 'prism-token',
        allowExecute: true,
      });
      expect({ exit: exitCodeOf(report), text: formatReport(report) }).toEqual({
        exit: 0,
        text: expect.stringMatching(/16 passed, 0 failed/),
      });
    } finally {
      await close(server);
    }
  });
});
