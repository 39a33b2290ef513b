import { generateExecution } from '../../data/generateExecution';
import { toWireInstance } from '../../data/timeline';
import { createProblem } from '../../errors/problem';
import { jobNotFound, type Handler } from './handler';

/** POST /api/v1/rpa/jobs/{id}/_execute: queues a run of an active job and answers 202 with it. */
export const executeJob: Handler = ({ seed, source, executions, clock }, { pathParams }) => {
  const id = pathParams.id!;
  const index = source.find(id);
  if (index === undefined) return jobNotFound(id);
  const { fields } = source.record(index);
  if (!fields.active) return { status: 409, body: createProblem('conflict', `Job ${fields.id} is inactive and cannot be executed.`) };
  const now = clock.now();
  const run = generateExecution(seed, fields.id, executions.runsOf(fields.id).length, now);
  executions.add(fields.id, run);
  return { status: 202, body: toWireInstance(run, now) };
};
