import type { Operation } from '../spec/operations';
import type { JobInstance } from '../spec/types';
import type { Preferences } from './preferences';

/** A request that matched an operation and passed validation. */
export interface EngineRequest {
  operation: Operation;
  pathParams: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  /** The body's bytes as sent, whatever its media type (the proxy forwards them unchanged). */
  rawBody?: Uint8Array;
  /** What the `Prefer` header asked for. */
  preferences: Preferences;
  /** Who is calling, when the gateway's token says so: runs they start name them. */
  caller?: Caller;
}

/** A caller as a job's `job_context` names its user. */
export type Caller = Required<NonNullable<JobInstance['job_context']>>;

/** What every answer has, whatever its body. */
interface AnswerHead {
  status: number;
  /** Defaults to application/json, or application/problem+json for 4xx and 5xx. */
  contentType?: string;
  headers?: Record<string, string>;
  /** An answer of the tool itself, not of the API (an unreachable upstream): not checked against the spec. */
  unchecked?: boolean;
}

/** A value, written as its JSON (the body is undefined for an answer without one). The default kind. */
export interface ValueAnswer extends AnswerHead {
  kind?: 'value';
  body: unknown;
}

/** A text written as it is: received from elsewhere (the proxy's upstream), or kept by the engine. `body` is its value, for checks. */
export interface TextAnswer extends AnswerHead {
  kind: 'text';
  text: string;
  body: unknown;
}

/** A list too large to build at once, written item by item. */
export interface StreamAnswer extends AnswerHead {
  kind: 'stream';
  stream: StreamedList;
}

/** Bytes from elsewhere passed through as they arrive, unread (the proxy's answers above --max-validate). */
export interface PassThroughAnswer extends AnswerHead {
  kind: 'pass-through';
  passThrough: PassThrough;
}

/** What an engine answers, of one of four kinds; the pipeline validates it (with --strict) and an adapter writes it. */
export type EngineAnswer = ValueAnswer | TextAnswer | StreamAnswer | PassThroughAnswer;

/** One item of a streamed list: its value, for checks, and its JSON text, to write. */
export interface StreamedItem {
  value: unknown;
  json: string;
}

/**
 * The answer `{ ...head, [property]: [ ...items ] }`, its items made lazily, one at a time, as they
 * are written: a list of 40,000 jobs is never whole in memory, and other requests are answered
 * between its pieces.
 */
export interface StreamedList {
  head: Record<string, unknown>;
  property: string;
  items: Iterable<StreamedItem>;
}

/** Bytes from elsewhere, written as they come; `why` says why they are not checked. */
export interface PassThrough {
  chunks: AsyncIterable<Uint8Array>;
  length?: number;
  why: string;
}

/** Answers operations of the spec. The faker engine and the Prism engine both implement it. */
export interface Engine {
  readonly name: string;
  answer(request: EngineRequest): Promise<EngineAnswer>;
}

/** The value of an answer that has one at hand: a value's or a text's; undefined for a stream or bytes passed through. */
export function bodyOf(answer: EngineAnswer): unknown {
  return answer.kind === 'stream' || answer.kind === 'pass-through' ? undefined : answer.body;
}
