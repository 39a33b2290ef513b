import type { Caller, Engine, EngineAnswer } from './engine';
import { createProblem, problemContentType, problemKindOf, type ProblemKind } from '../errors/problem';
import type { Fault, FaultInjector } from '../scenario/faultInjector';
import type { RouteMatch } from '../spec/matchOperation';
import type { Operation } from '../spec/operations';
import { listedViolations, type ViolationList, type OperationValidator } from '../validator';
import { StateUnavailableError } from '../state/stateStore';
import { isAuthorized } from './auth';
import { forcedAnswer, type ForcedAnswers } from './forcedAnswers';
import { headerOf, type PlainRequest } from './plainRequest';
import { decodePreferences } from './preferences';
import { readBody } from './readBody';
import { isJsonMediaType } from '../text/mediaType';

export interface PipelineContext {
  match: (method: string, path: string) => RouteMatch;
  validators: Map<string, OperationValidator>;
  engine: Engine;
  /** Who may call a secured operation; anyone when absent. */
  authorize?: Authorize;
  /** The gateway in front of the API, when it has one: its paths and its authorization server. */
  gateway?: Gateway;
  /** Answers a test forced for the next valid request of an operation (`forceNext`). */
  forced?: ForcedAnswers;
  bodyLimit: number;
  /** 'reject': a request that breaks the spec gets 400 (the mock); 'report': it is answered anyway and its violations recorded (the proxy). */
  requestCheck: 'reject' | 'report';
  /** 'off': answers are checked only when the journal is read; 'report': checked and logged; 'reject': one that breaks the spec is replaced by `rejectAs`. */
  responseCheck: 'off' | 'report' | 'reject';
  rejectAs: Extract<ProblemKind, 'invalid_response' | 'invalid_upstream_response'>;
  faults?: FaultInjector;
  /** Brings shared state up to date before a request is answered (replicas on Redis). */
  refresh?: () => Promise<void>;
  /**
   * Maps every answer of an operation, the engine's and the pipeline's own errors alike, onto the
   * wire shape a calibrated spec declares (serve --overlay).
   */
  shape?: (operation: Operation, answer: EngineAnswer, request: PlainRequest) => EngineAnswer;
}

/** Whether a request may call an operation, and as whom; or the answer that refuses it (401, 403). */
export type Authorize = (authorization: string | undefined, operation: Operation) => { caller?: Caller } | { refusal: EngineAnswer };

/** What a gateway adds in front of the API: its own paths, and answers of its own (the authorization server). */
export interface Gateway {
  /** The API's path for a request's path (`/ACME/RPA/api/v1/…` → `/api/v1/…`); undefined where the gateway serves no API. */
  apiPath(path: string): string | undefined;
  /** The gateway's own answer to a request (its token endpoint …), or undefined for a request of the API. */
  answer(req: PlainRequest): Promise<EngineAnswer> | undefined;
}

/** What the pipeline decided: the answer, and what is known of it; an adapter writes it as it is. */
export interface Outcome {
  answer: EngineAnswer;
  /** The answer's media type, its default filled in. */
  contentType: string;
  operation?: Operation;
  /** How the request broke the spec: the first violations and the count of the rest. */
  request: ViolationList;
  /** How the answer broke the spec, when it was checked (responseCheck 'report' or 'reject'). */
  response?: ViolationList;
  /**
   * Checks the text of the answer against the spec, later (when the journal is read); it keeps the
   * validator and the status, never the answer. Absent when no operation matched.
   */
  checkText?: (text: string) => ViolationList;
  /** Checks one item of a streamed list as it is written; present when answers are checked. */
  checkItem?: (index: number, item: unknown) => ViolationList;
  /**
   * The outcome that replaces this one once its answer is found to break the spec; present only
   * where a broken answer is rejected (responseCheck 'reject'). The pipeline calls it for an answer
   * it checks whole; an adapter calls it for a streamed list whose items it checks as it writes them.
   */
  replaceBroken?: (found: ViolationList) => Outcome;
  fault?: Fault;
  /** The request carried credentials (the token endpoint's): its URL's query is kept out of logs and the journal. */
  sensitive?: boolean;
}

const noViolations: ViolationList = { violations: [], more: 0 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One request, start to end: match the operation → inject the scenario's faults → check the
 * credentials → read the Prefer header and the body → validate the request → let the engine
 * answer → validate the answer.
 */
export async function handleRequest(context: PipelineContext, req: PlainRequest): Promise<Outcome> {
  if (context.gateway) {
    const own = context.gateway.answer(req);
    if (own) {
      const answer = await own;
      return { answer, contentType: answer.contentType ?? 'application/json', request: noViolations, sensitive: true };
    }
    const path = context.gateway.apiPath(req.path);
    if (path === undefined) return unmatched('not_found', `The gateway serves nothing at ${req.method} ${req.path}.`);
    req = { ...req, path };
  }
  const match = context.match(req.method, req.path);
  if (match.kind === 'not_found') return unmatched('not_found', `No operation of the API answers ${req.method} ${req.path}.`);
  if (match.kind === 'method_not_allowed') {
    const detail = `${req.path} does not take ${req.method}; it takes ${match.allow.join(', ')}.`;
    return unmatched('method_not_allowed', detail, { Allow: match.allow.join(', ') });
  }
  const { operation, pathParams } = match;
  const validator = context.validators.get(operation.operationId)!;
  if (context.refresh) {
    try {
      await context.refresh();
    } catch (error) {
      if (!(error instanceof StateUnavailableError)) throw error;
      return { ...unmatched('service_unavailable', `${error.message}; try again once it is back.`), operation };
    }
  }
  const fault = context.faults?.draw(operation.operationId);
  if (fault && fault.latencyMs > 0) await sleep(fault.latencyMs);
  const answered = await answerOperation(context, req, operation, pathParams, validator, fault);
  const { request } = answered;
  const answer = context.shape ? context.shape(operation, answered.answer, req) : answered.answer;
  const contentType = answer.contentType ?? (answer.status >= 400 ? problemContentType : 'application/json');
  const { status } = answer;
  const replaceBroken = context.responseCheck === 'reject' ? brokenAnswer(context, operation, status, request) : undefined;
  const outcome: Outcome = {
    answer,
    contentType,
    operation,
    request,
    checkText: textCheck(validator, status, contentType),
    fault,
    replaceBroken,
  };
  if (context.responseCheck === 'off' || answer.unchecked || answer.kind === 'pass-through') return outcome;
  const response =
    answer.kind === 'stream'
      ? // The envelope now, each item as it is written.
        validator.checkResponse({ status, contentType, body: { ...answer.stream.head, [answer.stream.property]: [] } }, listedViolations)
      : validator.checkResponse({ status, contentType, body: answer.body }, listedViolations);
  if (response.violations.length > 0 && replaceBroken) return replaceBroken(response);
  outcome.response = response;
  if (answer.kind !== 'stream') return outcome;
  const { property } = answer.stream;
  outcome.checkItem = (index, item) => validator.checkResponseItem({ status, contentType }, property, index, item, listedViolations);
  return outcome;
}

/**
 * Whether an answer found broken is replaced, and by what, decided here for every adapter: by the
 * problem `rejectAs` names (--strict's invalid_response, the proxy's invalid_upstream_response),
 * listing where the answer breaks the spec.
 */
function brokenAnswer(
  context: Pick<PipelineContext, 'rejectAs'>,
  operation: Operation,
  status: number,
  request: ViolationList,
): (found: ViolationList) => Outcome {
  return (found) => {
    const detail = `The answer (${status}) to ${operation.operationId} breaks the spec in ${places(found)}.`;
    return { ...problem(context.rejectAs, detail, found), operation, request, response: found };
  };
}

function textCheck(validator: OperationValidator, status: number, contentType: string): (text: string) => ViolationList {
  return (text) => validator.checkResponse({ status, contentType, body: parseText(text, contentType) }, listedViolations);
}

/** A JSON answer's value; any other text as it is, for the check to name what is wrong. */
function parseText(text: string, contentType: string): unknown {
  if (!isJsonMediaType(contentType)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function answerOperation(
  context: PipelineContext,
  req: PlainRequest,
  operation: Operation,
  pathParams: Record<string, string>,
  validator: OperationValidator,
  fault: Fault | undefined,
): Promise<{ answer: EngineAnswer; request: ViolationList }> {
  let caller: Caller | undefined;
  if (context.authorize && operation.secured) {
    const decided = context.authorize(headerOf(req, 'authorization'), operation);
    if ('refusal' in decided) return { answer: decided.refusal, request: noViolations };
    caller = decided.caller;
  }
  const { preferences, violations: preferViolations } = decodePreferences(req.headers.prefer);
  if (preferViolations.length > 0) {
    const request = { violations: preferViolations, more: 0 };
    return { answer: invalidRequest(request), request };
  }
  // A body is read only where the operation takes one: elsewhere it is named a violation unread
  // (a GET with a 1 MB body gets the declared 400, not an undeclared 413).
  const body = await readBody(req.body, headerOf(req, 'content-type'), context.bodyLimit, operation.requestBody !== undefined);
  if (body.kind === 'problem')
    return { answer: { status: body.problem.status, body: body.problem }, request: { violations: body.problem.errors ?? [], more: 0 } };
  // Absent parameters take the spec's defaults, so engines and checks read one value.
  const query = withDefaults(operation.queryDefaults, req.query);
  const request = validator.checkRequest(
    { pathParams, query, headers: req.headers, contentType: body.contentType, body: body.value },
    listedViolations,
  );
  if (request.violations.length > 0 && context.requestCheck === 'reject') return { answer: invalidRequest(request), request };
  if (fault?.error) {
    return {
      answer: {
        status: 500,
        body: createProblem('internal_error', `Injected fault: the scenario fails a share of ${operation.operationId} requests.`),
      },
      request,
    };
  }
  const raw = body.kind === 'read' ? body.raw : undefined;
  const ask = () =>
    context.engine.answer({ operation, pathParams, query, headers: req.headers, body: body.value, rawBody: raw, preferences, caller });
  const forced = context.forced?.take(operation.operationId);
  if (forced) {
    const detail = (status: number) =>
      createProblem(problemKindOf(status), `Forced by the test: ${operation.operationId} answers ${status} once.`);
    return { answer: await forcedAnswer(forced, ask, detail), request };
  }
  const answer = await ask();
  return { answer, request };
}

/** The query with the spec's defaults for absent parameters; the query itself when the operation has none. */
function withDefaults(defaults: Record<string, unknown>, query: PlainRequest['query']): Record<string, unknown> {
  for (const _name in defaults) return { ...defaults, ...query };
  return query;
}

function invalidRequest(found: ViolationList): EngineAnswer {
  return {
    status: 400,
    body: createProblem('invalid_request', `The request breaks the contract in ${places(found)}.`, found.violations, found.more),
  };
}

function unmatched(kind: ProblemKind, detail: string, headers?: Record<string, string>): Outcome {
  const outcome = problem(kind, detail);
  if (headers) outcome.answer.headers = headers;
  return { ...outcome, request: noViolations };
}

function problem(kind: ProblemKind, detail: string, found?: ViolationList): { answer: EngineAnswer; contentType: string } {
  const body = createProblem(kind, detail, found?.violations, found?.more);
  return { answer: { status: body.status, body, contentType: problemContentType }, contentType: problemContentType };
}

/**
 * The mock's one bearer token (--auth-token): any other, or none, gets 401.
 * `authorize: bearerToken('dev-token')`.
 */
export function bearerToken(token: string): Authorize {
  const refusal: EngineAnswer = {
    status: 401,
    body: createProblem('unauthorized', 'Send a valid bearer token: Authorization: Bearer <token>.'),
    headers: { 'WWW-Authenticate': 'Bearer' },
  };
  const allowed: { caller?: Caller } = {};
  return (authorization) => (isAuthorized(authorization, token) ? allowed : { refusal });
}

/** "1 place", "3 places", "9401 places; the first 20 are listed". */
function places({ violations, more }: ViolationList): string {
  const count = violations.length + more;
  const counted = count === 1 ? '1 place' : `${count} places`;
  return more > 0 ? `${counted}; the first ${violations.length} are listed` : counted;
}
