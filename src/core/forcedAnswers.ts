import type { EngineAnswer } from './engine';

/** An answer a test asks for, for the next request of an operation: a status, and a body unless the default will do. */
export interface ForcedAnswer {
  status: number;
  /** The body; for a status of 400 and up, a problem naming the force by default; below, the engine's own body. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Answers a test forced, each for the next valid request of its operation, in the order they were forced. */
export class ForcedAnswers {
  private readonly queues = new Map<string, ForcedAnswer[]>();

  force(operationId: string, answer: ForcedAnswer): void {
    const queue = this.queues.get(operationId) ?? [];
    // A test forces a few; a loop that forces without end stops here, not in memory.
    if (queue.length >= 1_000) throw new RangeError(`at most 1000 forced answers wait for ${operationId}`);
    queue.push(answer);
    this.queues.set(operationId, queue);
  }

  take(operationId: string): ForcedAnswer | undefined {
    const queue = this.queues.get(operationId);
    const answer = queue?.shift();
    if (queue?.length === 0) this.queues.delete(operationId);
    return answer;
  }

  clear(): void {
    this.queues.clear();
  }
}

/** A forced answer as the engine would give it: its body, or the engine's under the forced status. */
export function forcedAnswer(
  forced: ForcedAnswer,
  engine: () => Promise<EngineAnswer>,
  problem: (status: number) => unknown,
): Promise<EngineAnswer> | EngineAnswer {
  if (forced.body !== undefined) return { status: forced.status, body: forced.body, headers: forced.headers };
  if (forced.status >= 400) return { status: forced.status, body: problem(forced.status), headers: forced.headers };
  return engine().then((answer) => ({ ...answer, status: forced.status, headers: { ...answer.headers, ...forced.headers } }));
}
