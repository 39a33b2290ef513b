import type { Operation } from '../../spec/operations';
import type { OperationId } from '../../spec/types';
import { answerFromSpec } from '../specAnswers';
import type { Engine } from '../engine';
import type { FakerContext, Handler } from './handler';
import { executeJob } from './executeJob';
import { getJob } from './getJob';
import { listJobs } from './listJobs';
import { listProcesses } from './listProcesses';
import { getProcess } from './getProcess';

const handlers: Record<OperationId, Handler> = { listJobs, getJob, executeJob, listProcesses, getProcess };

/**
 * The default engine: realistic jobs from faker, deterministic for a seed, with stateful runs.
 * Refuses to start when the spec has an operation it cannot answer.
 */
export function createFakerEngine(context: FakerContext, operations: Operation[]): Engine {
  const missing = operations.filter((operation) => !(operation.operationId in handlers)).map((o) => o.operationId);
  if (missing.length > 0) throw new Error(`the faker engine cannot answer ${missing.join(', ')}`);
  return {
    name: 'faker',
    answer: async (request) => {
      const { operation } = request;
      return answerFromSpec(operation, request.preferences) ?? handlers[operation.operationId as OperationId](context, request);
    },
  };
}
