import Redis from 'ioredis';
import type { InstanceTimeline } from '../data/timeline';
import { SetupError } from '../errors/setupError';
import type { FaultInjector } from '../scenario/faultInjector';
import type { Scenario } from '../scenario/scenario';
import type { ClockReading, VirtualClock } from './clock';
import { ExecutionStore, maxRunsPerJob } from './executionStore';
import { StateUnavailableError, type StateStore } from './stateStore';

/** Redis cannot be reached when the mock starts: exit 2. */
export class StateSetupError extends SetupError {}

interface StoredRun {
  ordinal: number;
  run: InstanceTimeline;
}

/**
 * The state in Redis, shared by every replica started with the same seed and state URL: runs,
 * clock and scenario. Each replica keeps a local view and reloads it when the shared version
 * moved; every change is written to Redis first. Keys live under `rpa-mock:<seed>:`.
 * `const store = redisStateStore('redis://127.0.0.1:6379/0', 42, clock, faults); await store.open()`.
 */
export function redisStateStore(url: string, seed: number, clock: VirtualClock, faults: FaultInjector): StateStore {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail at once while Redis is away (a 503), rather than queue requests until it is back.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 3_000,
    retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
  });
  redis.on('error', () => undefined); // reported through the requests that fail, not as unhandled events
  const key = (name: string) => `rpa-mock:${seed}:${name}`;
  const keys = { version: key('version'), jobs: key('jobs'), clock: key('clock'), scenario: key('scenario') };
  const runsKey = (jobId: string) => key(`runs:${jobId}`);
  const ordinalKey = (jobId: string) => key(`ordinal:${jobId}`);
  const executions = new ExecutionStore();
  let version: string | null = null;

  const shared = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new StateUnavailableError(`the shared state (${redactUrl(url)}) cannot be reached: ${(error as Error).message}`);
    }
  };

  const load = async () => {
    const results = (await redis.multi().smembers(keys.jobs).hgetall(keys.clock).get(keys.scenario).exec()) ?? [];
    const jobIds = (results[0]?.[1] ?? []) as string[];
    const reading = (results[1]?.[1] ?? {}) as Record<string, string>;
    const scenario = (results[2]?.[1] ?? null) as string | null;
    const pipeline = redis.pipeline();
    for (const id of jobIds) pipeline.lrange(runsKey(id), 0, -1);
    const lists = jobIds.length === 0 ? [] : ((await pipeline.exec()) ?? []);
    executions.replaceAll(new Map(jobIds.map((id, i) => [id, orderRuns((lists[i]?.[1] ?? []) as string[])])));
    if (reading.base !== undefined) clock.adopt({ base: Number(reading.base), origin: Number(reading.origin) });
    if (scenario) faults.switchTo(JSON.parse(scenario) as Scenario);
  };

  const refresh = () =>
    shared(async () => {
      const current = await redis.get(keys.version);
      if (current === version) return;
      await load();
      version = current;
    });

  const bump = async (multi: ReturnType<typeof redis.multi>) => {
    const results = (await multi.incr(keys.version).exec()) ?? [];
    const next = String(results.at(-1)?.[1]);
    // Only this replica wrote since the last load: the local view is already right.
    if (version !== null && Number(next) === Number(version) + 1) version = next;
  };

  const open = async () => {
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw new StateSetupError(`the state store ${redactUrl(url)} cannot be reached: ${(error as Error).message}`);
    }
    // The first replica sets the clock and scenario; later ones take them.
    await shared(async () => {
      const reading: ClockReading = clock.reading;
      await redis
        .multi()
        .hsetnx(keys.clock, 'base', String(reading.base))
        .hsetnx(keys.clock, 'origin', String(reading.origin))
        .setnx(keys.scenario, JSON.stringify(faults.active))
        .exec();
      await redis.setnx(keys.version, '0');
    });
    await refresh();
  };

  return {
    executions,
    clock,
    faults,
    open,
    refresh,
    addRun: (jobId, make) =>
      shared(async () => {
        const ordinal = (await redis.incr(ordinalKey(jobId))) - 1;
        const run = make(ordinal);
        await bump(
          redis
            .multi()
            .rpush(runsKey(jobId), JSON.stringify({ ordinal, run } satisfies StoredRun))
            // The newest runs a job keeps, as in the process (the ordinal counts on).
            .ltrim(runsKey(jobId), -maxRunsPerJob, -1)
            .sadd(keys.jobs, jobId),
        );
        executions.add(jobId, run);
        return run;
      }),
    moveClock: async (move) => {
      await refresh();
      move(clock);
      const { base, origin } = clock.reading;
      await shared(() => bump(redis.multi().hset(keys.clock, 'base', String(base), 'origin', String(origin))));
    },
    switchScenario: async (scenario) => {
      faults.switchTo(scenario);
      await shared(() => bump(redis.multi().set(keys.scenario, JSON.stringify(scenario))));
    },
    reset: () =>
      shared(async () => {
        const jobIds = await redis.smembers(keys.jobs);
        const multi = redis.multi().del(keys.jobs);
        for (const id of jobIds) multi.del(runsKey(id), ordinalKey(id));
        await bump(multi);
        executions.reset();
      }),
    close: async () => {
      // quit() waits for Redis to answer; while it is away, drop the connection and stop reconnecting.
      if (redis.status === 'ready') await redis.quit().catch(() => undefined);
      redis.disconnect();
    },
  };
}

/** A job's runs as Redis holds them, oldest first: by the time they were queued, then by number. */
function orderRuns(stored: string[]): InstanceTimeline[] {
  return stored
    .map((text) => JSON.parse(text) as StoredRun)
    .sort((a, b) => a.run.queued_at - b.run.queued_at || a.ordinal - b.ordinal)
    .map((entry) => entry.run);
}

/** The URL without its password, for messages. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the --state URL';
  }
}
