import { hashString } from './hash';
import type { InstanceTimeline } from './timeline';
import { faker } from './world';

/**
 * A run started through `_execute`: a pure function of (seed, job id, how many runs the mock
 * started before it, the time it was asked for). It waits 2–6 s in the queue, runs 8–40 s, and
 * completes in 85 of 100 runs, so a demo shows the whole life of a run within a minute.
 */
export function generateExecution(seed: number, jobId: string, ordinal: number, now: number): InstanceTimeline {
  faker.seed([seed, hashString(jobId), ordinal, 0xe8ec]);
  const startedAt = now + faker.number.int({ min: 2, max: 6 }) * 1000;
  return {
    id: faker.string.uuid(),
    triggered_by: 'manual',
    queued_at: now,
    started_at: startedAt,
    ended_at: startedAt + faker.number.int({ min: 8, max: 40 }) * 1000,
    outcome: faker.datatype.boolean(0.85) ? 'completed' : 'failed',
  };
}
