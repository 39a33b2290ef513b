import { freePort, redisAvailable, startRedis } from '../contract-tests/support/redisServer';
import { maxRunsPerJob } from '../src/state/executionStore';
import { firstRequest, jobsPath, serveMock, stop, type Started } from './benchProcess';

const executes = 1000;
/** Enough jobs that none keeps fewer runs than it was given: a job keeps its newest `maxRunsPerJob`. */
const activeJobs = Math.ceil(executes / maxRunsPerJob) * 2;

export type ReplicaResult =
  | { skipped: string }
  | { executesPerSecond: number; accepted: number; failed: number; lost: number; seenDifferently: number; jobs: number };

interface Run {
  id: string;
  queued_at: string;
}

/** The runs one replica shows for a job, as `id@queued_at`, in its order. */
async function runsOn(replica: Started, jobId: string): Promise<string[]> {
  const job = (await (await fetch(`${replica.url}${jobsPath}/${jobId}`)).json()) as { job_instances: Run[] };
  return job.job_instances.map((run) => `${run.id}@${run.queued_at}`);
}

/**
 * Two replicas sharing their state in a throwaway redis-server: `executes` concurrent executions
 * spread over both and twenty active jobs, then every job is read from both replicas. A run answered
 * 202 but missing from a replica is lost; a job whose runs differ between replicas is seen differently.
 */
export async function measureReplicas(): Promise<ReplicaResult> {
  if (!redisAvailable) return { skipped: 'redis-server not found (set REDIS_SERVER_PATH): replicas not measured' };
  const redis = await startRedis(await freePort());
  const replicas: Started[] = [];
  try {
    for (let i = 0; i < 2; i++) replicas.push(await serveMock('--state', redis.url, '--seed', '7', '--jobs', '400'));
    const [a, b] = replicas as [Started, Started];
    const list = (await (await fetch(`${a.url}${firstRequest}`)).json()) as { jobs: { id: string; active: boolean }[] };
    const jobIds = list.jobs
      .filter((job) => job.active)
      .map((job) => job.id)
      .slice(0, activeJobs);
    if (jobIds.length < activeJobs) throw new Error(`the replicas list ${jobIds.length} active jobs, fewer than the ${activeJobs} needed`);

    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: executes }, async (_, i) => {
        const replica = i % 2 === 0 ? a : b;
        try {
          const response = await fetch(`${replica.url}${jobsPath}/${jobIds[i % jobIds.length]}/_execute`, { method: 'POST' });
          const body = (await response.json()) as Run;
          return response.status === 202 ? `${body.id}@${body.queued_at}` : undefined;
        } catch {
          return undefined;
        }
      }),
    );
    const elapsedMs = performance.now() - started;
    const accepted = answers.filter((answer) => answer !== undefined);

    let seenDifferently = 0;
    const shown = new Set<string>();
    for (const jobId of jobIds) {
      const [onA, onB] = await Promise.all([runsOn(a, jobId), runsOn(b, jobId)]);
      if (onA.join() !== onB.join()) seenDifferently++;
      // A run is kept only when both replicas show it.
      const onBSet = new Set(onB);
      for (const run of onA) if (onBSet.has(run)) shown.add(run);
    }
    return {
      executesPerSecond: (accepted.length / elapsedMs) * 1000,
      accepted: accepted.length,
      failed: executes - accepted.length,
      lost: accepted.filter((run) => !shown.has(run)).length,
      seenDifferently,
      jobs: jobIds.length,
    };
  } finally {
    for (const replica of replicas) await stop(replica.child);
    await redis.stop();
  }
}
