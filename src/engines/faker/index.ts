import type { Operation } from '../../spec/operations';
import type { OperationId } from '../../spec/types';
import { answerFromSpec } from '../specAnswers';
import type { Engine } from '../../core/engine';
import type { FakerContext, Handler } from './handler';
import { executeJob } from './executeJob';
import { getJob } from './getJob';
import { JobJsonCache } from './jobJsonCache';
import { listJobs } from './listJobs';
import { ListTextCache } from './listTextCache';
import { listProcesses } from './listProcesses';
import { getProcess } from './getProcess';

const handlers: Record<OperationId, Handler> = { listJobs, getJob, executeJob, listProcesses, getProcess };
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
  const missing = operations.filter((operation) => !(operation.operationId in handlers)).map((o) => o.operationId);
  if (missing.length > 0) throw new Error(`the faker engine cannot answer ${missing.join(', ')}`);
  const handlerContext = { ...context, jobJson: new JobJsonCache(jobJsonBytes), listTexts: new ListTextCache() };
  return {
    name: 'faker',
    answer: async (request) => {
      const { operation } = request;
      return answerFromSpec(operation, request.preferences) ?? handlers[operation.operationId as OperationId](handlerContext, request);
    },
  };
}
