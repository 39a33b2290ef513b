import { createProblem } from '../../errors/problem';
import type { Handler } from './handler';

/** GET /api/v1/rpa/process/{id}: one process in full, the one a job names in `process_id`. */
export const getProcess: Handler = ({ source }, { pathParams }) => {
  const id = pathParams.id!;
  const process = source.processes.find((candidate) => candidate.id === id.toLowerCase());
  if (!process) return { status: 404, body: createProblem('not_found', `No process has id ${id}.`) };
  return { status: 200, body: process };
};
