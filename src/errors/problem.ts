import type { Problem } from '../spec/types';
import { toWireViolation, type Violation } from '../validator/violations';

/** The fixed list of error kinds, each with its status and title. */
export const problemKinds = {
  invalid_request: { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  request_timeout: { status: 408, title: 'Request timeout' },
  conflict: { status: 409, title: 'Conflict' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  headers_too_large: { status: 431, title: 'Request header fields too large' },
  internal_error: { status: 500, title: 'Internal server error' },
  invalid_response: { status: 500, title: 'Response breaks the contract' },
  invalid_upstream_response: { status: 502, title: "Upstream's response breaks the contract" },
  upstream_unavailable: { status: 502, title: 'Upstream unavailable' },
  service_unavailable: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<Problem['type'], { status: number; title: string }>;

export type ProblemKind = keyof typeof problemKinds;

/** The media type of every error body. */
export const problemContentType = 'application/problem+json';

/**
 * Builds the one error shape on the wire: `createProblem('not_found', 'No job has id x.')`.
 * `moreErrors` counts the violations found beyond those listed in `errors`.
 */
export function createProblem(kind: ProblemKind, detail: string, errors?: Violation[], moreErrors = 0): Problem {
  const { status, title } = problemKinds[kind];
  const problem: Problem = { type: kind, title, status, detail };
  if (errors && errors.length > 0) problem.errors = errors.map(toWireViolation);
  if (moreErrors > 0) problem.more_errors = moreErrors;
  return problem;
}

/** The kind of error a status stands for, for answers asked for by status (`Prefer: code=404`). */
export function problemKindOf(status: number): ProblemKind {
  const kind = (Object.keys(problemKinds) as ProblemKind[]).find((k) => problemKinds[k].status === status);
  return kind ?? (status >= 500 ? 'internal_error' : 'invalid_request');
}
