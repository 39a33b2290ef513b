import { generateExecution } from '../../data/generateExecution';
import { toWireInstance } from '../../data/timeline';
import { createProblem } from '../../errors/problem';
import { jobNotFound, type Handler } from './handler';

/** POST /api/v1/rpa/jobs/{id}/_execute: queues a run of an active job and answers 202 with it. */
export const executeJob: Handler = async ({ seed, source, store }, { pathParams, caller }) => {
  const id = pathParams.id!;
  const index = source.find(id);
  if (index === undefined) return jobNotFound(id);
  const { fields } = source.record(index);
  if (!fields.active) return { status: 409, body: createProblem('conflict', `Job ${fields.id} is inactive and cannot be executed.`) };
  const now = store.clock.now();
  // The store numbers the run, so replicas sharing it never start two runs with one number.
  const run = await store.addRun(fields.id, (ordinal) => generateExecution(seed, fields.id, ordinal, now, caller));
  return { status: 202, body: toWireInstance(run, now) };
};
