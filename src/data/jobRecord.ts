import type { Job } from '../spec/types';
import type { InstanceTimeline } from './timeline';

/** The fields of a job that follow from its executions and the time it is looked at. */
export type DerivedField = 'status' | 'job_instances' | 'previous_trigger' | 'next_trigger' | 'start_date' | 'end_date';

/** A job as the mock keeps it: its fixed fields and its executions as timelines. */
export interface JobRecord {
  fields: Omit<Job, DerivedField | 'metadata'> & { metadata: Omit<Job['metadata'], 'completed_at'> };
  instances: InstanceTimeline[];
  /** A job read from a fixture file: served exactly as written until it is executed. */
  verbatim?: Job;
}
