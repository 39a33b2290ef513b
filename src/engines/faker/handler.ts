import type { JobSource } from '../../data/jobSource';
import { createProblem } from '../../errors/problem';
import type { Clock } from '../../state/clock';
import type { ExecutionStore } from '../../state/executionStore';
import type { EngineAnswer, EngineRequest } from '../engine';
import type { JobJsonCache } from './jobJsonCache';

/** What the faker engine's handlers read and change. */
export interface FakerContext {
  seed: number;
  source: JobSource;
  executions: ExecutionStore;
  clock: Clock;
}

/** What handlers get: the context and the engine's own caches. */
type HandlerContext = FakerContext & { jobJson: JobJsonCache };

/** Answers one operation of the spec. */
export type Handler = (context: HandlerContext, request: EngineRequest) => EngineAnswer;

/** The answer for an id no job has. */
export function jobNotFound(id: string): EngineAnswer {
  return { status: 404, body: createProblem('not_found', `No job has id ${id}.`) };
}
