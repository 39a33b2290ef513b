import { renderJob } from '../../data/renderJob';
import { createProblem } from '../../errors/problem';
import type { Job, JobType } from '../../spec/types';
import type { Handler } from './handler';

/** GET /api/v1/rpa/jobs: the jobs of one environment and type (absent, the spec's default). */
export const listJobs: Handler = ({ source, executions, clock }, { query }) => {
  const name = String(query.environment);
  const environment = source.environments.find((candidate) => candidate.name === name);
  if (!environment) {
    const known = source.environments.map((candidate) => candidate.name).join(', ');
    return { status: 404, body: createProblem('not_found', `No environment is named '${name}'. Known environments: ${known}.`) };
  }
  const type = query.type as JobType;
  const now = clock.now();
  const jobs: Job[] = [];
  for (let index = 0; index < source.size; index++) {
    if (!source.matches(index, environment.environment_id, type)) continue;
    const record = source.record(index);
    jobs.push(renderJob(record, executions.runsOf(record.fields.id), now));
  }
  return { status: 200, body: { count: jobs.length, jobs } };
};
