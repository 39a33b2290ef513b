import { hashString } from './hash';
import type { InstanceTimeline } from './timeline';
import { faker } from './world';

/**
 * A run started through `_execute`: a pure function of (seed, job id, how many runs the mock
 * started before it, the time it was asked for). It waits 2–6 s in the queue, runs 8–40 s, and
 * completes in 85 of 100 runs, so a demo shows the whole life of a run within a minute.
 */
export function generateExecution(
  seed: number,
  jobId: string,
  ordinal: number,
  now: number,
  startedBy?: InstanceTimeline['started_by'],
): InstanceTimeline {
  faker.seed([seed, hashString(jobId), ordinal, 0xe8ec]);
  const run = drawRun(now, 'manual');
  return startedBy ? { ...run, started_by: startedBy } : run;
}

/**
 * The run a job's schedule queued at `trigger`: a pure function of (seed, job id, trigger), so the
 * run of a trigger is the same whenever and however often the job is looked at. Same life as an
 * executed run.
 */
export function generateScheduledRun(seed: number, jobId: string, trigger: number): InstanceTimeline {
  // The trigger in two 32-bit words: the seed takes 32-bit integers, and epoch milliseconds need 48 bits.
  faker.seed([seed, hashString(jobId), Math.floor(trigger / 0x100000000), trigger >>> 0, 0x5c4e]);
  return drawRun(trigger, 'schedule');
}

function drawRun(queuedAt: number, triggeredBy: InstanceTimeline['triggered_by']): InstanceTimeline {
  const startedAt = queuedAt + faker.number.int({ min: 2, max: 6 }) * 1000;
  return {
    id: faker.string.uuid(),
    triggered_by: triggeredBy,
    queued_at: queuedAt,
    started_at: startedAt,
    ended_at: startedAt + faker.number.int({ min: 8, max: 40 }) * 1000,
    outcome: faker.datatype.boolean(0.85) ? 'completed' : 'failed',
  };
}
