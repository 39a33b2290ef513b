import { renderJob } from '../../data/renderJob';
import type { JobType } from '../../spec/types';
import type { StreamedItem } from '../engine';
import { environmentNamed, type Handler } from './handler';

/**
 * GET /api/v1/rpa/jobs: the jobs of one environment and type (absent, the spec's default).
 * Streamed: the count is known up front (placement is cheap), each job is rendered and serialized
 * only when it is written, all at the instant the list was asked for.
 */
export const listJobs: Handler = ({ source, executions, clock, jobJson }, { query }) => {
  const found = environmentNamed(source, String(query.environment));
  if ('answer' in found) return found.answer;
  const { environment } = found;
  const type = query.type as JobType;
  const now = clock.now();
  const indexes: number[] = [];
  for (let index = 0; index < source.size; index++) if (source.matches(index, environment.environment_id, type)) indexes.push(index);
  function* items(): Generator<StreamedItem> {
    for (const index of indexes) {
      const record = source.record(index);
      const job = renderJob(record, executions.runsOf(record.fields.id), now);
      yield { value: job, json: jobJson.jsonOf(index, job) };
    }
  }
  return { status: 200, body: undefined, stream: { head: { count: indexes.length }, property: 'jobs', items: items() } };
};
