import type { Operation } from '../spec/operations';
import type { Preferences } from '../server/preferences';

/** A request that matched an operation and passed validation. */
export interface EngineRequest {
  operation: Operation;
  pathParams: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** What the `Prefer` header asked for. */
  preferences: Preferences;
}

/** What an engine answers; the server validates it (with --strict) and writes it. */
export interface EngineAnswer {
  status: number;
  body: unknown;
  /** Defaults to application/json, or application/problem+json for 4xx and 5xx. */
  contentType?: string;
  headers?: Record<string, string>;
  /** The body exactly as received from elsewhere (the proxy's upstream): written as is. */
  rawBody?: string;
  /** An answer of the tool itself, not of the API (an unreachable upstream): not checked against the spec. */
  unchecked?: boolean;
}

/** Answers operations of the spec. The faker engine and the Prism engine both implement it. */
export interface Engine {
  readonly name: string;
  answer(request: EngineRequest): Promise<EngineAnswer>;
}
