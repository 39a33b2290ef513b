import type { Request } from 'express';
import type { Engine, EngineAnswer } from '../engines/engine';
import { createProblem, problemContentType } from '../errors/problem';
import type { RouteMatch } from '../spec/matchOperation';
import type { Operation } from '../spec/operations';
import type { Violation } from '../validator/violations';
import type { OperationValidator } from '../validator';
import { isAuthorized } from './auth';
import { readBody } from './readBody';

export interface PipelineContext {
  match: (method: string, path: string) => RouteMatch;
  validators: Map<string, OperationValidator>;
  engine: Engine;
  authToken: string | undefined;
  strict: boolean;
  bodyLimit: number;
}

/** What the pipeline decided; the server writes it as it is. */
export interface Outcome extends EngineAnswer {
  contentType: string;
  operation?: Operation;
  /** With --strict: how the engine's answer broke the spec (the 500 sent lists them too). */
  responseViolations?: Violation[];
}

/**
 * One request, start to end: match the operation → check the credentials → read and validate the
 * request → let the engine answer → validate the answer (with --strict).
 */
export async function handleRequest(context: PipelineContext, req: Request): Promise<Outcome> {
  const match = context.match(req.method, req.path);
  if (match.kind === 'not_found') return problem('not_found', `No operation of the API answers ${req.method} ${req.path}.`);
  if (match.kind === 'method_not_allowed') {
    const outcome = problem('method_not_allowed', `${req.path} does not take ${req.method}; it takes ${match.allow.join(', ')}.`);
    return { ...outcome, headers: { Allow: match.allow.join(', ') } };
  }
  const { operation, pathParams } = match;
  const validator = context.validators.get(operation.operationId)!;
  const answer = await answerOperation(context, req, operation, pathParams, validator);
  const outcome = { ...answer, contentType: answer.contentType ?? defaultContentType(answer.status), operation };
  if (!context.strict) return outcome;
  const violations = validator.validateResponse({ status: outcome.status, contentType: outcome.contentType, body: outcome.body });
  if (violations.length === 0) return outcome;
  const detail = `The mock's answer (${outcome.status}) to ${operation.operationId} breaks the spec in ${places(violations.length)}.`;
  return { ...problem('invalid_response', detail, violations), operation, responseViolations: violations };
}

async function answerOperation(
  context: PipelineContext,
  req: Request,
  operation: Operation,
  pathParams: Record<string, string>,
  validator: OperationValidator,
): Promise<EngineAnswer> {
  if (context.authToken !== undefined && operation.secured && !isAuthorized(req.headers.authorization, context.authToken)) {
    return {
      status: 401,
      body: createProblem('unauthorized', 'Send a valid bearer token: Authorization: Bearer <token>.'),
      headers: { 'WWW-Authenticate': 'Bearer' },
    };
  }
  const body = await readBody(req, context.bodyLimit);
  if (body.kind === 'problem') return { status: body.problem.status, body: body.problem };
  const violations = validator.validateRequest({ pathParams, query: req.query as Record<string, unknown>, headers: req.headers, contentType: body.contentType, body: body.value });
  if (violations.length > 0) {
    return { status: 400, body: createProblem('invalid_request', `The request breaks the contract in ${places(violations.length)}.`, violations) };
  }
  return context.engine.answer({ operation, pathParams, query: req.query as Record<string, unknown>, headers: req.headers, body: body.value });
}

function problem(kind: Parameters<typeof createProblem>[0], detail: string, errors?: Parameters<typeof createProblem>[2]): Outcome {
  const body = createProblem(kind, detail, errors);
  return { status: body.status, body, contentType: problemContentType };
}

function defaultContentType(status: number): string {
  return status >= 400 ? problemContentType : 'application/json';
}

function places(count: number): string {
  return count === 1 ? '1 place' : `${count} places`;
}
