import type { Job } from '../spec/types';
import type { InstanceTimeline } from './timeline';

/**
 * The fields of a job that follow from its executions and the time it is looked at; the one list,
 * read by the renderer's types, the fixture loader and verify (which only warns when they differ
 * between two requests).
 */
export const derivedFields = ['status', 'job_instances', 'previous_trigger', 'next_trigger', 'start_date', 'end_date'] as const;
/** The same, within `metadata`. */
export const derivedMetadataFields = ['completed_at'] as const;

type DerivedField = (typeof derivedFields)[number];
type DerivedMetadataField = (typeof derivedMetadataFields)[number];

/** The fixed fields of a job: every field but the derived ones. */
export type FixedFields = Omit<Job, DerivedField | 'metadata'> & { metadata: Omit<Job['metadata'], DerivedMetadataField> };

/** A job's fixed fields: `fixedFieldsOf(job)` drops what follows from its runs and the time. */
export function fixedFieldsOf(job: Job): FixedFields {
  const fields: Record<string, unknown> = { ...job, metadata: { ...job.metadata } };
  for (const field of derivedFields) delete fields[field];
  for (const field of derivedMetadataFields) delete (fields.metadata as Record<string, unknown>)[field];
  return fields as FixedFields;
}

/** A job as the mock keeps it: its fixed fields and its executions as timelines. */
export interface JobRecord {
  fields: FixedFields;
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
