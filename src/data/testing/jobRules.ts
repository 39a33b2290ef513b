import { CronExpressionParser } from 'cron-parser';
import type { Job } from '../../spec/types';
import { latestTime } from '../representableTime';

const nextRuns = new Map<string, number>();

/**
 * The schedule's next run by cron-parser itself, or null past the end of 9999 (no RFC 3339
 * date-time can say it); memoised only to keep the tests fast.
 */
export function expectedNextRun(cron: string, timezone: string, now: number): number | null {
  const key = `${cron}|${timezone}|${now}`;
  if (!nextRuns.has(key))
    nextRuns.set(
      key,
      CronExpressionParser.parse(cron, { currentDate: new Date(now), tz: timezone })
        .next()
        .getTime(),
    );
  const next = nextRuns.get(key)!;
  return next > latestTime ? null : next;
}

/**
 * The consistency rules of README "Data you can believe", which every job keeps whatever the seed
 * and the time it is looked at: the names of those it breaks. Shared by the tests that render jobs.
 */
export function violatedRules(job: Job, now: number, validateJob: (job: unknown) => boolean): string[] {
  const broken: string[] = [];
  const t = (value: string | null) => (value === null ? null : Date.parse(value));
  const rule = (holds: boolean, name: string) => holds || broken.push(name);
  const instances = job.job_instances;
  const inProgress = instances.some((i) => i.status === 'queued' || i.status === 'running');
  rule(validateJob(job), 'matches the Job schema');
  rule(
    job.status !== 'completed' || (job.end_date !== null && job.start_date !== null && t(job.end_date)! >= t(job.start_date)!),
    'completed: end_date >= start_date',
  );
  rule(job.status !== 'completed' || job.metadata.completed_at === job.end_date, 'completed: metadata.completed_at is the end');
  rule(job.status !== 'running' || job.end_date === null, 'running: no end_date');
  rule((job.status === 'running') === inProgress, 'running exactly when a run is queued or running');
  rule(!inProgress || job.status === 'running', 'a run in progress makes the job running');
  rule(inProgress || job.status !== 'scheduled' || (job.active && job.scheduled !== null), 'scheduled: active with a schedule');
  rule(inProgress || !(job.active && job.scheduled) || job.status === 'scheduled', 'active with a schedule and idle: scheduled');
  rule(inProgress || (job.active && job.scheduled !== null) || job.status === instances.at(-1)?.status, 'otherwise: the last run decides');
  rule((job.active && job.scheduled !== null) || job.next_trigger === null, 'inactive or unscheduled: next_trigger null');
  rule(job.previous_trigger === null || t(job.previous_trigger)! <= now, 'previous_trigger <= now');
  rule(job.next_trigger === null || t(job.next_trigger)! > now, 'now < next_trigger');
  if (job.active && job.scheduled) {
    const expected = expectedNextRun(job.scheduled.cron_expression, job.scheduled.timezone, now);
    rule(t(job.next_trigger) === expected, 'next_trigger follows from the schedule');
  }
  rule(t(job.metadata.updated_at)! >= t(job.metadata.created_at)!, 'updated_at >= created_at');
  rule(t(job.metadata.updated_at)! <= now, 'updated_at <= now');
  rule(
    instances.every((i, n) => n === 0 || t(i.queued_at)! >= t(instances[n - 1]!.queued_at)!),
    'instances ordered by queued_at',
  );
  rule(
    instances.every((i) => t(i.queued_at)! <= now && t(i.queued_at)! >= t(job.metadata.created_at)!),
    'instances queued between creation and now',
  );
  rule(
    instances.every((i) => (i.status === 'queued') === (i.started_at === null)),
    'a run has started_at once it left the queue',
  );
  rule(
    instances.every((i) => (i.status === 'queued' || i.status === 'running') === (i.ended_at === null)),
    'a run has ended_at once it ended',
  );
  rule(
    instances.every((i) => i.started_at === null || t(i.started_at)! >= t(i.queued_at)!),
    'started_at >= queued_at',
  );
  rule(
    instances.every((i) => i.ended_at === null || t(i.ended_at)! >= t(i.started_at!)!),
    'ended_at >= started_at',
  );
  rule(job.previous_trigger === (instances.at(-1)?.queued_at ?? null), 'previous_trigger is the last run');
  rule(job.start_date === (instances.find((i) => i.started_at !== null)?.started_at ?? null), 'start_date is the first run');
  rule(job.job_context.user_details.id === job.job_context.user_identifier, 'user_details.id is the user_identifier');
  rule(job.job_context.dynamic_robots === 0 || job.job_context.robot_id === null, 'dynamic robots: no fixed robot');
  rule((job.job_execution_strategy === 'scheduled') === (job.scheduled !== null), 'execution strategy agrees with the schedule');
  return broken;
}
