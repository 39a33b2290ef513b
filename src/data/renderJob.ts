import type { Job, JobStatus } from '../spec/types';
import type { JobRecord } from './jobRecord';
import { nextRun } from './schedule';
import { scheduledRuns } from './scheduledRuns';
import { iso, statusAt, toWireInstance, type InstanceTimeline } from './timeline';

/**
 * The wire form of a job at `now`, with its executions: its history, the runs its schedule fired
 * since the reference time, and `extra`, those started through the mock. One function derives
 * status, triggers and dates from the executions, so the list, the job by id and an executed job
 * always agree:
 * - a run queued or in progress makes the job `running`, with `end_date: null`;
 * - otherwise an active job with a schedule is `scheduled`, any other takes its last run's outcome;
 * - `next_trigger` is the schedule's next run after `now`, `null` when inactive or unscheduled;
 * - `metadata.completed_at` is the end of the last run when that run completed.
 */
export function renderJob(record: JobRecord, extra: readonly InstanceTimeline[], now: number): Job {
  const cached = rendered.get(record);
  if (cached && cached.extra === extra && cached.runs === extra.length && cached.from <= now && now < cached.until) return cached.job;
  const instances = runsAt(record, extra, now);
  const job = deriveJob(record, instances, now);
  rendered.set(record, { extra, runs: extra.length, from: now, until: nextChange(record, instances, now), job });
  return job;
}

/**
 * A job's wire form changes only when one of its runs starts or ends, or its next trigger passes
 * (which may fire a run); in between the same (immutable) object is served again. Keyed by record;
 * the runs array is compared by identity and length, as runs are only ever appended.
 */
const rendered = new WeakMap<JobRecord, { extra: readonly InstanceTimeline[]; runs: number; from: number; until: number; job: Job }>();

function nextChange(record: JobRecord, instances: readonly InstanceTimeline[], now: number): number {
  const { active, scheduled } = record.fields;
  let until = (active && scheduled ? nextRun(scheduled, now) : null) ?? Infinity;
  for (const instance of instances) {
    for (const time of [instance.started_at, instance.ended_at]) if (time !== null && time > now && time < until) until = time;
  }
  return until;
}

/** Every run of the job at `now`, in the order they were queued. */
function runsAt(record: JobRecord, extra: readonly InstanceTimeline[], now: number): InstanceTimeline[] {
  const fired = scheduledRuns(record, now);
  if (fired.length === 0 && extra.length === 0) return record.instances;
  // A stable sort: runs queued at the same instant keep history, schedule, then executions.
  return [...record.instances, ...fired, ...extra].sort((a, b) => a.queued_at - b.queued_at);
}

function deriveJob(record: JobRecord, instances: readonly InstanceTimeline[], now: number): Job {
  // A fixture job stays as written until a run is added to what the file says.
  if (record.verbatim && instances === record.instances) return record.verbatim;
  const { fields } = record;
  const statuses = instances.map((instance) => statusAt(instance, now));
  const inProgress = statuses.some((status) => status === 'queued' || status === 'running');
  const last = instances.at(-1);
  const lastStatus = statuses.at(-1);
  const firstStart = instances.map((i) => i.started_at).find((time): time is number => time !== null && time <= now);
  const endDate = !inProgress && last?.ended_at != null ? iso(last.ended_at) : null;
  const next = fields.active && fields.scheduled ? nextRun(fields.scheduled, now) : null;

  let status: JobStatus;
  if (inProgress) status = 'running';
  else if (fields.active && fields.scheduled) status = 'scheduled';
  else status = (lastStatus as JobStatus | undefined) ?? 'scheduled';

  return {
    id: fields.id,
    job_name: fields.job_name,
    process_name: fields.process_name,
    process_id: fields.process_id,
    process_version: fields.process_version,
    environment_id: fields.environment_id,
    status,
    job_execution_strategy: fields.job_execution_strategy,
    job_instances: instances.map((instance) => toWireInstance(instance, now)),
    scheduled: fields.scheduled,
    priority: fields.priority,
    active: fields.active,
    previous_trigger: last ? iso(Math.max(...instances.map((i) => i.queued_at))) : null,
    next_trigger: next === null ? (record.verbatim?.next_trigger ?? null) : iso(next),
    force_user_context: fields.force_user_context,
    eo_flow_enabled: fields.eo_flow_enabled,
    job_context: fields.job_context,
    preferences: fields.preferences,
    description: fields.description,
    type: fields.type,
    metadata: { ...fields.metadata, completed_at: lastStatus === 'completed' && endDate !== null ? endDate : null },
    start_date: firstStart === undefined ? null : iso(firstStart),
    end_date: endDate,
  };
}
