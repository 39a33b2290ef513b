import type { JobType, Process } from '../spec/types';
import { generateProcesses } from './generateProcesses';
import { generateJob } from './generateJob';
import { JobIdCodec } from './jobIds';
import type { JobRecord } from './jobRecord';
import { placeJob } from './placement';
import { createWorld, type Environment, type World } from './world';

/** Where the mock's jobs come from: generated on demand, or read from a fixture file. */
export interface JobSource {
  readonly environments: readonly Environment[];
  readonly size: number;
  /** The index of the job with this id, or undefined. */
  find(id: string): number | undefined;
  record(index: number): JobRecord;
  /** Whether job `index` lives in the environment and is of the type; cheap, for filters. */
  matches(index: number, environmentId: string, type: JobType): boolean;
  /** The processes the jobs run, in full; every environment has them all. */
  readonly processes: readonly Process[];
}

const recordCacheSize = 1024;

/** Jobs computed from (seed, index) when asked for: 100,000 jobs cost no more memory than 10. */
export function generatedJobSource(seed: number, size: number, referenceTime: number): JobSource {
  const world: World = createWorld(seed, referenceTime);
  const ids = new JobIdCodec(seed, size);
  const cache = new Map<number, JobRecord>();
  let processes: Process[] | undefined;
  return {
    // Made on first use: the first answer of the jobs need not wait for them.
    get processes() {
      return (processes ??= generateProcesses(world));
    },
    environments: world.environments,
    size,
    find: (id) => ids.decode(id),
    record(index) {
      // A small LRU: the jobs a frontend shows are asked for again and again.
      let record = cache.get(index);
      if (record) cache.delete(index);
      else record = generateJob(world, ids, index);
      cache.set(index, record);
      if (cache.size > recordCacheSize) cache.delete(cache.keys().next().value!);
      return record;
    },
    matches(index, environmentId, type) {
      const placement = placeJob(world, index);
      return world.environments[placement.environmentIndex]!.environment_id === environmentId && placement.type === type;
    },
  };
}
