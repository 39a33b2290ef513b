import { generateScheduledRun } from './generateExecution';
import type { JobRecord } from './jobRecord';
import { recentRuns } from './schedule';
import type { InstanceTimeline } from './timeline';

/**
 * How many scheduled runs a job keeps: after a long jump of the clock, the runs of the last 20
 * triggers show, not every one passed (an hourly job over a year would be 8,760 runs, and each
 * costs a cron-parser step).
 */
export const maxScheduledRuns = 20;

/**
 * The runs an active job's schedule queued after the data's reference time, up to `now`, oldest
 * first: a pure function of (seed, job id, schedule, reference time, now), so nothing is stored
 * and the same clock gives the same bytes.
 */
export function scheduledRuns(record: JobRecord, now: number): InstanceTimeline[] {
  const { fields, firing } = record;
  if (!firing || !fields.active || !fields.scheduled || now <= firing.since) return [];
  return recentRuns(fields.scheduled, now, maxScheduledRuns, firing.since).map((trigger) =>
    generateScheduledRun(firing.seed, fields.id, trigger),
  );
}
