import type { JobSource } from '../../data/jobSource';
import { createProblem } from '../../errors/problem';
import type { Clock } from '../../state/clock';
import type { ExecutionStore } from '../../state/executionStore';
import type { StateStore } from '../../state/stateStore';
import type { EngineAnswer, EngineRequest } from '../../core/engine';
import type { JobJsonCache } from './jobJsonCache';
import type { ListTextCache } from './listTextCache';

/** What the faker engine's handlers read and change. */
export interface FakerContext {
  seed: number;
  source: JobSource;
  executions: ExecutionStore;
  clock: Clock;
  /** Where runs are recorded: in the process, or shared by replicas. */
  store: StateStore;
}

/** What handlers get: the context and the engine's own caches. */
type HandlerContext = FakerContext & { jobJson: JobJsonCache; listTexts: ListTextCache };

/** Answers one operation of the spec. */
export type Handler = (context: HandlerContext, request: EngineRequest) => EngineAnswer | Promise<EngineAnswer>;

/** The answer for an id no job has. */
export function jobNotFound(id: string): EngineAnswer {
  return { status: 404, body: createProblem('not_found', `No job has id ${id}.`) };
}

/** The environment of this name, or the 404 answer that lists the known ones. */
export function environmentNamed(
  source: JobSource,
  name: string,
): { environment: JobSource['environments'][number] } | { answer: EngineAnswer } {
  const environment = source.environments.find((candidate) => candidate.name === name);
  if (environment) return { environment };
  const known = source.environments.map((candidate) => candidate.name).join(', ');
  return { answer: { status: 404, body: createProblem('not_found', `No environment is named '${name}'. Known environments: ${known}.`) } };
}
