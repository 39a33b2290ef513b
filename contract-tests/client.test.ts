import { close, createMock, listen } from '../src';
import { createRpaClient } from '../src/client';
import type { Job } from '../src/types';

// The typed client as a frontend uses it, against the mock on a real port.
describe('rpa-mock/client', () => {
  let baseUrl: string;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const { app } = await createMock({ seed: 7, jobs: 20, clock: 'frozen', log: 'silent', authToken: 'client-token' });
    const server = await listen(app, '127.0.0.1', 0);
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    stop = () => close(server);
  });
  afterAll(() => stop());

  it('lists, reads and executes jobs with typed paths, parameters and answers', async () => {
    const rpa = createRpaClient({ baseUrl, token: 'client-token' });
    const list = await rpa.GET('/api/v1/rpa/jobs', { params: { query: { environment: 'default' } } });
    expect(list.response.status).toBe(200);
    const jobs: Job[] = list.data!.jobs;
    expect(list.data!.count).toBe(jobs.length);
    const active = jobs.find((job) => job.active)!;
    const one = await rpa.GET('/api/v1/rpa/jobs/{id}', { params: { path: { id: active.id } } });
    expect(one.data!.id).toBe(active.id);
    const run = await rpa.POST('/api/v1/rpa/jobs/{id}/_execute', { params: { path: { id: active.id } }, body: {} });
    expect(run.response.status).toBe(202);
    expect(run.data!.status).toBe('queued');
  });

  it('gives the error body of the spec on a failure, and sends no token when given none', async () => {
    const anonymous = createRpaClient({ baseUrl });
    const refused = await anonymous.GET('/api/v1/rpa/jobs', { params: { query: { environment: 'default' } } });
    expect(refused.response.status).toBe(401);
    expect(refused.error).toMatchObject({ type: 'unauthorized', status: 401 });
  });
});
