import { renderJob } from '../../data/renderJob';
import { createProblem } from '../../errors/problem';
import type { JobType } from '../../spec/types';
import type { StreamedItem } from '../engine';
import type { Handler } from './handler';

/**
 * GET /api/v1/rpa/jobs: the jobs of one environment and type; `type` defaults to Unattended.
 * Streamed: the count is known up front (placement is cheap), each job is rendered and serialized
 * only when it is written, all at the instant the list was asked for.
 */
export const listJobs: Handler = ({ source, executions, clock, jobJson }, { query }) => {
  const name = String(query.environment);
  const environment = source.environments.find((candidate) => candidate.name === name);
  if (!environment) {
    const known = source.environments.map((candidate) => candidate.name).join(', ');
    return { status: 404, body: createProblem('not_found', `No environment is named '${name}'. Known environments: ${known}.`) };
  }
  const type = (query.type as JobType | undefined) ?? 'Unattended';
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
