import type { Operation } from '../../spec/operations';
import { answerFromSpec } from '../specAnswers';
import type { Engine } from '../engine';
import type { FakerContext, Handler } from './handler';
import { executeJob } from './executeJob';
import { getJob } from './getJob';
import { JobJsonCache } from './jobJsonCache';
import { listJobs } from './listJobs';

const handlers: Record<string, Handler> = { listJobs, getJob, executeJob };
/** The status each operation answers with when all goes well. */
const successStatus: Record<string, number> = { listJobs: 200, getJob: 200, executeJob: 202 };
/**
 * The JSON of recently listed jobs: about 800, enough for lists sent at the same time (which move
 * in step, a piece of 64 jobs each in turn) to share the work. Larger costs more than it saves:
 * every text would live long enough to reach V8's old generation, and RSS would grow with it.
 */
const jobJsonBytes = 2 * 1024 * 1024;

/**
 * The default engine: realistic jobs from faker, deterministic for a seed, with stateful runs.
 * Refuses to start when the spec has an operation it cannot answer.
 */
export function createFakerEngine(context: FakerContext, operations: Operation[]): Engine {
  const missing = operations.filter((operation) => !handlers[operation.operationId]).map((o) => o.operationId);
  if (missing.length > 0) throw new Error(`the faker engine cannot answer ${missing.join(', ')}`);
  const handlerContext = { ...context, jobJson: new JobJsonCache(jobJsonBytes) };
  return {
    name: 'faker',
    answer: async (request) => {
      const { operationId } = request.operation;
      return (
        answerFromSpec(request.operation, request.preferences, successStatus[operationId]!) ??
        handlers[operationId]!(handlerContext, request)
      );
    },
  };
}
