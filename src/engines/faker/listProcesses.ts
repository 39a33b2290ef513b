import { summaryOf } from '../../data/generateProcesses';
import type { Process, ProcessVersionStatus } from '../../spec/types';
import { environmentNamed, type Handler } from './handler';

/**
 * GET /api/v1/rpa/process: the processes of an environment as summaries; `name` matches exactly,
 * `status` keeps the processes that have a version of that status.
 */
export const listProcesses: Handler = ({ source }, { query }) => {
  const found = environmentNamed(source, String(query.environment));
  if ('answer' in found) return found.answer;
  const name = query.name as string | undefined;
  const status = query.status as ProcessVersionStatus | undefined;
  const processes: Process[] = source.processes
    .filter((process) => name === undefined || process.name === name)
    .filter((process) => status === undefined || process.versions.some((version) => version.status === status))
    .map(summaryOf);
  return { status: 200, body: { count: processes.length, processes } };
};
