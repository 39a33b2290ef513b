import type { Request } from 'express';
import type { Engine, EngineAnswer } from '../engines/engine';
import { createProblem, problemContentType, type ProblemKind } from '../errors/problem';
import type { Fault, FaultInjector } from '../scenario/faultInjector';
import type { RouteMatch } from '../spec/matchOperation';
import type { Operation } from '../spec/operations';
import type { OperationValidator } from '../validator';
import type { Violation } from '../validator/violations';
import { isAuthorized } from './auth';
import { decodePreferences } from './preferences';
import { readBody } from './readBody';
import { StateUnavailableError } from '../state/stateStore';

export interface PipelineContext {
  match: (method: string, path: string) => RouteMatch;
  validators: Map<string, OperationValidator>;
  engine: Engine;
  authToken: string | undefined;
  bodyLimit: number;
  /** 'reject': a request that breaks the spec gets 400 (the mock); 'report': it is answered anyway and its violations recorded (the proxy). */
  requestCheck: 'reject' | 'report';
  /** 'off': answers are checked only when the journal is read; 'report': checked and logged; 'reject': one that breaks the spec is replaced by `rejectAs`. */
  responseCheck: 'off' | 'report' | 'reject';
  rejectAs: Extract<ProblemKind, 'invalid_response' | 'invalid_upstream_response'>;
  faults?: FaultInjector;
  /** Brings shared state up to date before a request is answered (replicas on Redis). */
  refresh?: () => Promise<void>;
}

/** What the pipeline decided; the server writes it as it is. */
export interface Outcome extends EngineAnswer {
  contentType: string;
  operation?: Operation;
  requestViolations: Violation[];
  /** How the answer broke the spec, when it was checked (responseCheck 'report' or 'reject'). */
  responseViolations?: Violation[];
  /** Checks the answer that was sent against the spec; null when no operation matched. */
  checkResponse: () => Violation[] | null;
  fault?: Fault;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One request, start to end: match the operation → inject the scenario's faults → check the
 * credentials → read the Prefer header and the body → validate the request → let the engine
 * answer → validate the answer.
 */
export async function handleRequest(context: PipelineContext, req: Request): Promise<Outcome> {
  const match = context.match(req.method, req.path);
  if (match.kind === 'not_found') return unmatched('not_found', `No operation of the API answers ${req.method} ${req.path}.`);
  if (match.kind === 'method_not_allowed') {
    return {
      ...unmatched('method_not_allowed', `${req.path} does not take ${req.method}; it takes ${match.allow.join(', ')}.`),
      headers: { Allow: match.allow.join(', ') },
    };
  }
  const { operation, pathParams } = match;
  const validator = context.validators.get(operation.operationId)!;
  if (context.refresh) {
    try {
      await context.refresh();
    } catch (error) {
      if (!(error instanceof StateUnavailableError)) throw error;
      return { ...unmatched('service_unavailable', `${error.message}; try again once it is back.`), operation, checkResponse: () => null };
    }
  }
  const fault = context.faults?.draw(operation.operationId);
  if (fault && fault.latencyMs > 0) await sleep(fault.latencyMs);
  const { answer, requestViolations } = await answerOperation(context, req, operation, pathParams, validator, fault);
  const contentType = answer.contentType ?? (answer.status >= 400 ? problemContentType : 'application/json');
  const checkResponse = () => validator.validateResponse({ status: answer.status, contentType, body: answer.body });
  const outcome: Outcome = { ...answer, contentType, operation, requestViolations, checkResponse, fault };
  if (context.responseCheck === 'off' || answer.unchecked) return outcome;
  const responseViolations = checkResponse();
  if (responseViolations.length === 0 || context.responseCheck === 'report') return { ...outcome, responseViolations };
  const rejected = problem(
    context.rejectAs,
    `The answer (${answer.status}) to ${operation.operationId} breaks the spec in ${places(responseViolations.length)}.`,
    responseViolations,
  );
  return { ...outcome, ...rejected, headers: {}, rawBody: undefined, responseViolations };
}

async function answerOperation(
  context: PipelineContext,
  req: Request,
  operation: Operation,
  pathParams: Record<string, string>,
  validator: OperationValidator,
  fault: Fault | undefined,
): Promise<{ answer: EngineAnswer; requestViolations: Violation[] }> {
  if (context.authToken !== undefined && operation.secured && !isAuthorized(req.headers.authorization, context.authToken)) {
    const answer = {
      status: 401,
      body: createProblem('unauthorized', 'Send a valid bearer token: Authorization: Bearer <token>.'),
      headers: { 'WWW-Authenticate': 'Bearer' },
    };
    return { answer, requestViolations: [] };
  }
  const { preferences, violations: preferViolations } = decodePreferences(req.headers.prefer);
  if (preferViolations.length > 0) return { answer: invalidRequest(preferViolations), requestViolations: preferViolations };
  const body = await readBody(req, context.bodyLimit);
  if (body.kind === 'problem')
    return { answer: { status: body.problem.status, body: body.problem }, requestViolations: body.problem.errors ?? [] };
  // Absent parameters take the spec's defaults, so engines and checks read one value.
  const query = { ...operation.queryDefaults, ...(req.query as Record<string, unknown>) };
  const requestViolations = validator.validateRequest({
    pathParams,
    query,
    headers: req.headers,
    contentType: body.contentType,
    body: body.value,
  });
  if (requestViolations.length > 0 && context.requestCheck === 'reject')
    return { answer: invalidRequest(requestViolations), requestViolations };
  if (fault?.error) {
    return {
      answer: {
        status: 500,
        body: createProblem('internal_error', `Injected fault: the scenario fails a share of ${operation.operationId} requests.`),
      },
      requestViolations,
    };
  }
  const answer = await context.engine.answer({ operation, pathParams, query, headers: req.headers, body: body.value, preferences });
  return { answer, requestViolations };
}

function invalidRequest(violations: Violation[]): EngineAnswer {
  return {
    status: 400,
    body: createProblem('invalid_request', `The request breaks the contract in ${places(violations.length)}.`, violations),
  };
}

function unmatched(kind: ProblemKind, detail: string): Outcome {
  return { ...problem(kind, detail), requestViolations: [], checkResponse: () => null };
}

function problem(kind: ProblemKind, detail: string, errors?: Violation[]): { status: number; body: unknown; contentType: string } {
  const body = createProblem(kind, detail, errors);
  return { status: body.status, body, contentType: problemContentType };
}

function places(count: number): string {
  return count === 1 ? '1 place' : `${count} places`;
}
