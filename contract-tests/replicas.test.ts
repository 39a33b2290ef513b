import request from 'supertest';
import { createMock, type Job, type Mock } from '../src';
import { SetupError } from '../src/errors/setupError';
import { jobsPath } from './support/startMock';
import { freePort, redisAvailable, redisServerPath, startRedis } from './support/redisServer';

if (!redisAvailable && !process.env.CI) console.warn(`replica tests skipped: no ${redisServerPath} (apt-get install redis-server)`);

/** Two replicas of one mock, as behind a load balancer: the same seed, one Redis. */
async function startReplicas(url: string): Promise<[Mock, Mock]> {
  const options = { seed: 7, jobs: 40, clock: 'frozen' as const, log: 'silent' as const, strict: true, state: url };
  return [await createMock(options), await createMock(options)];
}

async function activeJobs(mock: Mock): Promise<Job[]> {
  const { body } = await request(mock.app).get(jobsPath).query({ environment: 'default' }).expect(200);
  return (body.jobs as Job[]).filter((job) => job.active);
}

(redisAvailable || process.env.CI ? describe : describe.skip)('replicas sharing state in Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let port: number;
  let replicas: Mock[] = [];
  beforeEach(async () => {
    port = await freePort();
    redis = await startRedis(port);
  });
  afterEach(async () => {
    await Promise.all(replicas.map((mock) => mock.close()));
    replicas = [];
    await redis.stop();
  });

  it('agree on every run under concurrent executes spread across both, and a reset on one resets both', async () => {
    const [a, b] = (replicas = await startReplicas(redis.url));
    const jobs = (await activeJobs(a)).slice(0, 5);
    const manualRuns = (job: Job) => job.job_instances.filter((run) => run.triggered_by === 'manual').map((run) => run.id);
    const before = new Map(jobs.map((job) => [job.id, manualRuns(job)]));
    const executes = Array.from({ length: 200 }, (_, i) =>
      request((i % 2 === 0 ? a : b).app)
        .post(`${jobsPath}/${jobs[i % jobs.length]!.id}/_execute`)
        .expect(202),
    );
    const runIds = (await Promise.all(executes)).map((response) => response.body.id as string);
    expect(new Set(runIds).size).toBe(200);
    for (const job of jobs) {
      const [fromA, fromB] = await Promise.all([a, b].map((mock) => request(mock.app).get(`${jobsPath}/${job.id}`).expect(200)));
      expect(fromB!.body).toEqual(fromA!.body);
      const started = manualRuns(fromA!.body as Job).filter((id) => !before.get(job.id)!.includes(id));
      expect(started).toHaveLength(40);
      for (const id of started) expect(runIds).toContain(id);
    }
    await request(a.app).post('/__mock/reset').expect(200);
    const after = await request(b.app).get(`${jobsPath}/${jobs[0]!.id}`).expect(200);
    expect(manualRuns(after.body as Job)).toEqual(before.get(jobs[0]!.id));
  });

  it('share the clock and the scenario', async () => {
    const [a, b] = (replicas = await startReplicas(redis.url));
    const advanced = await request(a.app).post('/__mock/clock/advance').send({ seconds: 3600 }).expect(200);
    expect((await request(b.app).get('/__mock/clock').expect(200)).body).toEqual(advanced.body);
    const scenario = { latency: 0, operations: { getJob: { errorRate: 1 } } };
    await request(b.app).put('/__mock/scenario').send(scenario).expect(200);
    expect((await request(a.app).get('/__mock/scenario').expect(200)).body).toEqual(scenario);
    const job = (await activeJobs(a))[0]!;
    expect((await request(a.app).get(`${jobsPath}/${job.id}`)).status).toBe(500);
  });

  it('refuse to start when Redis cannot be reached, naming it without its password', async () => {
    const closed = await freePort();
    const failure = createMock({ state: `redis://:hunter2@127.0.0.1:${closed}/0`, log: 'silent' });
    await expect(failure).rejects.toThrow(SetupError);
    await expect(failure).rejects.toThrow(/state store redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 cannot be reached/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  it('answer 503 in the error format while Redis is away, and recover when it is back', async () => {
    const [a] = (replicas = await startReplicas(redis.url));
    const job = (await activeJobs(a))[0]!;
    await redis.stop();
    const down = await request(a.app)
      .get(`${jobsPath}/${job.id}`)
      .expect(503)
      .expect('content-type', /application\/problem\+json/);
    expect(down.body).toMatchObject({ type: 'service_unavailable', status: 503 });
    redis = await startRedis(port);
    // The client reconnects on its own within a few seconds: poll, bounded.
    let status = 503;
    for (let attempt = 0; attempt < 100 && status === 503; attempt++) {
      status = (await request(a.app).get(`${jobsPath}/${job.id}`)).status;
      if (status === 503) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
  });
});
