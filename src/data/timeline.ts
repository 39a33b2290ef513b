import type { InstanceStatus, JobInstance } from '../spec/types';

export type FinalOutcome = 'completed' | 'failed' | 'cancelled';

/**
 * One execution as a timeline: when it was queued, started and ended. Its status and wire form
 * follow from the time it is looked at, so a run moves Queued → Running → Completed as the clock
 * moves. A null start or end means "not known yet" (it stays queued or running).
 */
export interface InstanceTimeline {
  id: string;
  triggered_by: JobInstance['triggered_by'];
  queued_at: number;
  started_at: number | null;
  ended_at: number | null;
  outcome: FinalOutcome;
  /** Who started it, when a user of the gateway did: its wire form names them in `job_context`. */
  started_by?: NonNullable<JobInstance['job_context']>;
}

/** The status of an execution at `now`. */
export function statusAt(instance: InstanceTimeline, now: number): InstanceStatus {
  if (instance.started_at === null || now < instance.started_at) return 'queued';
  if (instance.ended_at === null || now < instance.ended_at) return 'running';
  return instance.outcome;
}

/** The wire form at `now`: times that lie in the future are not known yet and are null. */
export function toWireInstance(instance: InstanceTimeline, now: number): JobInstance {
  const known = (time: number | null) => (time !== null && time <= now ? iso(time) : null);
  const status = statusAt(instance, now);
  return {
    id: instance.id,
    status,
    triggered_by: instance.triggered_by,
    queued_at: iso(instance.queued_at),
    started_at: status === 'queued' ? null : known(instance.started_at),
    ended_at: status === 'queued' || status === 'running' ? null : known(instance.ended_at),
    ...(instance.started_by ? { job_context: instance.started_by } : {}),
  };
}

/** Reads a wire instance (from a fixture file) back into a timeline, frozen in its status. */
export function fromWireInstance(instance: JobInstance): InstanceTimeline {
  const time = (value: string | null) => (value === null ? null : Date.parse(value));
  const final = instance.status !== 'queued' && instance.status !== 'running';
  return {
    id: instance.id,
    triggered_by: instance.triggered_by,
    queued_at: Date.parse(instance.queued_at),
    started_at: instance.status === 'queued' ? null : (time(instance.started_at) ?? Date.parse(instance.queued_at)),
    ended_at: final ? (time(instance.ended_at) ?? Date.parse(instance.queued_at)) : null,
    outcome: final ? (instance.status as FinalOutcome) : 'completed',
  };
}

/** RFC 3339 in UTC with milliseconds, the one timestamp format on the wire. */
export function iso(time: number): string {
  return new Date(time).toISOString();
}
