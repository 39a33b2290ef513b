import { jobsPath, listDefaultJobs, startMock } from './support/startMock';

describe('GET /api/v1/rpa/jobs/{id}', () => {
  it('returns the same job the list shows, byte for byte', async () => {
    const { http } = await startMock();
    for (const job of await listDefaultJobs(http)) {
      const response = await http
        .get(`${jobsPath}/${job.id}`)
        .expect(200)
        .expect('content-type', /application\/json/);
      expect(response.body).toEqual(job);
    }
  });

  it('answers 404 in the error format for an id no job has', async () => {
    const { http } = await startMock();
    const id = '6f0c2a4e-9d1b-4c7a-8e3f-2b5d7a9c1e05';
    const response = await http
      .get(`${jobsPath}/${id}`)
      .expect(404)
      .expect('content-type', /application\/problem\+json/);
    expect(response.body).toEqual({ type: 'not_found', title: 'Not found', status: 404, detail: `No job has id ${id}.` });
  });

  it('answers 400 naming the rule for an id that is not a UUID', async () => {
    const { http } = await startMock();
    const response = await http.get(`${jobsPath}/42`).expect(400);
    expect(response.body.errors).toEqual([
      { location: 'path', pointer: '/id', rule: 'format', message: "path parameter 'id' must be a valid uuid" },
    ]);
  });

  it('does not find a job of another seed', async () => {
    const other = await startMock({ seed: 7 });
    const [job] = await listDefaultJobs(other.http);
    const { http } = await startMock({ seed: 42 });
    await http.get(`${jobsPath}/${job!.id}`).expect(404);
  });
});
