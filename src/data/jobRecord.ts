import type { Job } from '../spec/types';
import type { InstanceTimeline } from './timeline';

/** The fields of a job that follow from its executions and the time it is looked at. */
export type DerivedField = 'status' | 'job_instances' | 'previous_trigger' | 'next_trigger' | 'start_date' | 'end_date';

/** A job as the mock keeps it: its fixed fields and its executions as timelines. */
export interface JobRecord {
  fields: Omit<Job, DerivedField | 'metadata'> & { metadata: Omit<Job['metadata'], 'completed_at'> };
  instances: InstanceTimeline[];
  /**
   * Runs the job's schedule fires as the clock moves: one per trigger after `since` (the data's
   * reference time), seeded by `seed`. Absent: the schedule fires nothing.
   */
  firing?: ScheduleFiring;
  /** A job read from a fixture file: served exactly as written until it is executed or its schedule fires. */
  verbatim?: Job;
}

/** Where a job's scheduled runs start and what seeds them. */
export interface ScheduleFiring {
  seed: number;
  since: number;
}
