import type { Job, Process } from '../src';
import { jobsPath, startMock } from './support/startMock';

const processPath = '/api/v1/rpa/process';

describe('GET /api/v1/rpa/process', () => {
  it('lists the processes of an environment as summaries, with their versions', async () => {
    const { http } = await startMock();
    const { body } = await http
      .get(processPath)
      .query({ environment: 'default' })
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(body.count).toBe(body.processes.length);
    expect(body.count).toBeGreaterThan(10);
    for (const process of body.processes as Process[]) {
      expect(process.expanded).toBe(false);
      expect(process.parameters).toBeNull();
      const finalized = process.versions.filter((version) => version.status === 'Finalized').map((version) => version.version);
      expect(process.current_version).toBe(finalized.at(-1));
    }
  });

  it('filters by exact, case-sensitive name and by version status', async () => {
    const { http } = await startMock();
    const named = await http.get(processPath).query({ environment: 'default', name: 'Invoice Processing' }).expect(200);
    expect(named.body.processes.map((p: Process) => p.name)).toEqual(['Invoice Processing']);
    const lower = await http.get(processPath).query({ environment: 'default', name: 'invoice processing' }).expect(200);
    expect(lower.body).toEqual({ count: 0, processes: [] });
    const drafts = await http.get(processPath).query({ environment: 'default', status: 'Draft' }).expect(200);
    expect(drafts.body.count).toBeGreaterThan(0);
    for (const process of drafts.body.processes as Process[]) expect(process.versions.some((v) => v.status === 'Draft')).toBe(true);
  });

  it('answers 400 naming the rule for a status the spec does not list, and 404 for an unknown environment', async () => {
    const { http } = await startMock();
    const bad = await http.get(processPath).query({ environment: 'default', status: 'draft' }).expect(400);
    expect(bad.body.errors).toEqual([
      { location: 'query', pointer: '/status', rule: 'enum', message: 'query parameter \'status\' must be one of: "Draft", "Finalized"' },
    ]);
    const unknown = await http.get(processPath).query({ environment: 'prod' }).expect(404);
    expect(unknown.body.detail).toMatch(/No environment is named 'prod'\. Known environments: default, development, test, production\./);
    const missing = await http.get(processPath).expect(400);
    expect(missing.body.errors[0]).toMatchObject({ location: 'query', pointer: '/environment', rule: 'required' });
  });
});

describe('GET /api/v1/rpa/process/{id}', () => {
  it('answers the whole process, the one the list summarises', async () => {
    const { http } = await startMock();
    const { body } = await http.get(processPath).query({ environment: 'default' }).expect(200);
    const summary = body.processes[0] as Process;
    const full = (await http.get(`${processPath}/${summary.id}`).expect(200)).body as Process;
    expect(full).toEqual({ ...summary, expanded: true, parameters: full.parameters });
    expect(full.parameters!.length).toBeGreaterThan(0);
  });

  it('answers 404 for an id no process has, and 400 for an id that is not a UUID', async () => {
    const { http } = await startMock();
    const id = '0b7e3f52-1d6a-4c9e-a2f8-5e4d3c2b1a0a';
    const missing = await http
      .get(`${processPath}/${id}`)
      .expect(404)
      .expect('content-type', /application\/problem\+json/);
    expect(missing.body).toEqual({ type: 'not_found', title: 'Not found', status: 404, detail: `No process has id ${id}.` });
    await http.get(`${processPath}/42`).expect(400);
  });
});

describe('jobs and their processes', () => {
  it("agree for every job of every environment and type: the job's process resolves, with its name and a finalized version older than the job", async () => {
    const { http } = await startMock({ jobs: 300 });
    for (const environment of ['default', 'development', 'test', 'production']) {
      for (const type of ['Unattended', 'Attended']) {
        const jobs = (await http.get(jobsPath).query({ environment, type }).expect(200)).body.jobs as Job[];
        for (const job of jobs) {
          const process = (await http.get(`${processPath}/${job.process_id}`).expect(200)).body as Process;
          const version = process.versions.find((candidate) => candidate.version === job.process_version);
          expect({
            job: job.id,
            name: process.name,
            status: version?.status,
            older: version!.created_at < job.metadata.created_at,
          }).toEqual({
            job: job.id,
            name: job.process_name,
            status: 'Finalized',
            older: true,
          });
        }
      }
    }
  });
});
