import { renderJob } from '../../data/renderJob';
import { jobNotFound, type Handler } from './handler';

/** GET /api/v1/rpa/jobs/{id}: the same job the list shows, with the runs started since. */
export const getJob: Handler = ({ source, executions, clock }, { pathParams }) => {
  const index = source.find(pathParams.id!);
  if (index === undefined) return jobNotFound(pathParams.id!);
  const record = source.record(index);
  return { status: 200, body: renderJob(record, executions.runsOf(record.fields.id), clock.now()) };
};
