import rpaJobsJson from '../../src/spec/rpa-jobs.gen.json';
import { isJobById, isJobList, type Passing, type Transform } from './driftingMock';

/** Renames every key of a JSON value, at every depth. */
export function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [rename(key), renameKeys(child, rename)]));
}

export const camelCase = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
export const pascalCase = (key: string) => camelCase(key).replace(/^[a-z]/, (c) => c.toUpperCase());

/** Applies `change` to the parsed body of every successful answer (lists, jobs by id, executions). */
export function reshapeBodies(change: (body: unknown, passing: Passing) => unknown): Transform {
  return (passing) => {
    if (passing.status < 200 || passing.status > 299) return passing;
    return { ...passing, body: JSON.stringify(change(JSON.parse(passing.body), passing)) };
  };
}

/** Applies `change` to every job of a successful GET, in the list or by id; other answers (processes) pass as they are. */
export function reshapeJobs(change: (job: Record<string, unknown>) => Record<string, unknown>): Transform {
  return reshapeBodies((body, passing) => {
    const record = body as Record<string, unknown>;
    if (isJobList(passing) && Array.isArray(record.jobs))
      return { ...record, jobs: (record.jobs as Record<string, unknown>[]).map(change) };
    return isJobById(passing) ? change(record) : body;
  });
}

/** The fields the list page documents for an item: the spec's `x-documented-fields` on the jobs list. */
export const documentedInList = (
  rpaJobsJson as { components: { schemas: { JobList: { properties: { jobs: { 'x-documented-fields': string[] } } } } } }
).components.schemas.JobList.properties.jobs['x-documented-fields'];

/** A string in upper case; other values as they are. */
export const upper = (value: unknown) => (typeof value === 'string' ? value.toUpperCase() : value);
