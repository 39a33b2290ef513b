import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { createProblem, problemContentType } from '../errors/problem';
import type { Journal, KeptAnswer, PendingEntry, Validation } from '../state/journal';
import type { ViolationList } from '../validator';
import { withCorsOf } from './cors';
import { bodyOf } from '../core/engine';
import { handleRequest, type Outcome, type PipelineContext } from '../core/pipeline';
import { toPlainRequest } from './plainRequestOf';
import { logRequest, pageRequestLog, type RequestWhy } from './requestLog';
import { writeAnswer, type Written } from './writeAnswer';

export interface AppContext {
  /** The API: the RPA spec's operations, answered by an engine. */
  api: PipelineContext;
  /**
   * The control API under /__mock, with its own spec; absent with --no-control. Made when first
   * needed, so that preparing it does not delay the first answer of the API.
   */
  control?: () => Promise<PipelineContext & { document: object }>;
  /** Pages for people (/docs, /__mock/), mounted before the API. */
  pages?: express.Router;
  journal?: Journal;
  logger: Logger;
  corsOrigins: string[];
  /** The methods the API and the control API take, for CORS preflights. */
  corsMethods: string[];
}

/** The HTTP edge: the one place that knows Express. Every answer goes through a pipeline. */
export function createApp(context: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  const withCors = withCorsOf(context.corsOrigins, context.corsMethods, context.logger);
  const pages = context.pages;
  const pageLog = pageRequestLog(context.logger);
  const control = context.control ? controlHandler(context.control, context.logger) : undefined;
  const api = answer(context.api, context.journal, context.logger);
  // One layer for every request, not one per part: each layer costs Express a few microseconds.
  // A page path no page serves (GET /docs/nope, POST /) goes on to the control API and the API,
  // whose 404 and 405 are problems like every other error.
  const apiOrControl: RequestHandler = (req, res, next) =>
    control && req.path.startsWith('/__mock/') ? control(req, res, next) : api(req, res, next);
  app.use(
    withCors((req, res, next) => {
      if (pages && isPagePath(req.path)) {
        const unlog = pageLog(req, res);
        return pages(req, res, (error?: unknown) => {
          unlog();
          if (error) next(error);
          else apiOrControl(req, res, next);
        });
      }
      apiOrControl(req, res, next);
    }),
  );
  app.use(errorMiddleware(context.logger));
  return app;
}

/**
 * The control API, prepared at its first request: its modules and spec are not on the way to the
 * API's first answer. One handler then serves every control request.
 */
function controlHandler(control: NonNullable<AppContext['control']>, logger: Logger): RequestHandler {
  let ready: Promise<{ document: object; handle: RequestHandler }> | undefined;
  const prepare = () => {
    if (!ready) {
      ready = Promise.resolve()
        .then(control)
        .then((pipeline) => ({ document: pipeline.document, handle: answer(pipeline, undefined, logger) }));
      ready.catch((error: unknown) => logControlFailure(logger, error));
    }
    return ready;
  };
  return (req, res, next) => {
    prepare().then(({ document, handle }) => {
      if (req.path === '/__mock/openapi.json' && req.method === 'GET') return void res.json(document);
      handle(req, res, next);
    }, next);
  };
}

/** Paths of the pages, so that API requests skip their routes. */
function isPagePath(path: string): boolean {
  return (
    path === '/' ||
    path === '/favicon.ico' ||
    path === '/__mock' ||
    path === '/__mock/' ||
    path.startsWith('/__mock/assets/') ||
    path === '/docs' ||
    path.startsWith('/docs/')
  );
}

/** Runs the pipeline for each request, writes its outcome, and notes it in the journal. */
function answer(pipeline: PipelineContext, journal: Journal | undefined, logger: Logger): RequestHandler {
  return (req, res, next) => void respond(pipeline, journal, logger, req, res).catch(next);
}

/** One request through the pipeline: the answer written, then logged and journaled. */
async function respond(
  pipeline: PipelineContext,
  journal: Journal | undefined,
  logger: Logger,
  req: Request,
  res: Response,
): Promise<void> {
  const started = performance.now();
  const answered = await handleRequest(pipeline, toPlainRequest(req));
  const written = await writeAnswer(res, answered, journal?.largestKept ?? 0, req.method === 'HEAD');
  // What went out: a streamed list found broken before its first byte was replaced.
  const outcome = written.replaced ?? answered;
  // A request that carried credentials (the token endpoint's) is named by its path alone.
  const url = outcome.sensitive ? req.path : req.originalUrl;
  if (written.cut) logger.warn({ method: req.method, url }, `answer to ${req.method} ${url} cut short: ${written.cut}`);
  if (isInspectorPoll(req)) return;
  const durationMs = performance.now() - started;
  const response = written.response ?? outcome.response;
  logRequest(logger, req.method, url, outcome.answer.status, durationMs, whyOf(outcome, req.headers.prefer));
  report(logger, req.method, url, outcome, response, pipeline.requestCheck === 'report');
  if (!journal) return;
  const entry: PendingEntry = {
    at: new Date().toISOString(),
    method: req.method,
    url,
    operationId: outcome.operation?.operationId ?? null,
    status: outcome.answer.status,
    durationMs: Math.round(durationMs * 10) / 10,
    request: toValidation(outcome.request),
    response: journaledAnswer(outcome, written, response),
  };
  if (outcome.fault && (outcome.fault.error || outcome.fault.latencyMs > 0)) entry.fault = outcome.fault;
  journal.record(entry);
}

/** How the journal shows an answer: judged already, kept as text for a check on reading, or why neither. */
function journaledAnswer(outcome: Outcome, written: Written, response: ViolationList | undefined): Validation | KeptAnswer {
  if (response) return { ...toValidation(response), ...(written.cut ? { note: `cut short: ${written.cut}` } : {}) };
  if (written.cut) return { valid: null, violations: [], note: `not checked: cut short: ${written.cut}` };
  const { answer } = outcome;
  if (answer.kind === 'pass-through') return { valid: null, violations: [], note: `not checked: ${answer.passThrough.why}` };
  if (answer.unchecked) return { valid: null, violations: [], note: "not checked: an answer of rpa-mock's own" };
  const checkText = outcome.checkText;
  if (!checkText) return { valid: null, violations: [] };
  if (written.text === undefined)
    return { valid: null, violations: [], note: `not kept: the answer (${written.bytes} bytes) is too large for the journal` };
  // The check keeps the validator and status (inside checkText), never the outcome.
  return { text: written.text, check: (text) => toValidation(checkText(text)) };
}

function toValidation(found: ViolationList): Validation {
  const valid = found.violations.length === 0 && found.more === 0;
  return found.more > 0 ? { valid, violations: found.violations, more: found.more } : { valid, violations: found.violations };
}

/** The inspector page's polls: kept out of the journal they show, and out of the log. */
function isInspectorPoll(req: { headers: Record<string, unknown> }): boolean {
  return req.headers['x-rpa-mock-inspector'] === 'poll';
}

/** Injected faults and broken contracts get log lines of their own, each violation with its pointer and rule. */
function report(
  logger: Logger,
  method: string,
  url: string,
  outcome: Outcome,
  response: ViolationList | undefined,
  logRequestViolations: boolean,
): void {
  const { fault } = outcome;
  const faulted = fault !== undefined && (fault.error || fault.latencyMs > 0);
  if (!faulted && !response?.violations.length && !(logRequestViolations && outcome.request.violations.length > 0)) return;
  if (faulted)
    logger.warn({ fault }, `injected fault on ${method} ${url}: ${fault.latencyMs} ms latency${fault.error ? ', 500 answer' : ''}`);
  for (const [side, violations] of [
    ['request', logRequestViolations ? outcome.request : undefined],
    ['response', response],
  ] as const) {
    if (!violations) continue;
    for (const v of violations.violations)
      logger.warn(
        { side, pointer: v.pointer, rule: v.rule },
        `${side} of ${method} ${url} breaks the spec: ${v.message} [rule: ${v.rule}]`,
      );
  }
}

/** Our bug or bad setup: logged in full, answered as a 500 in the error shape, never a stack trace. */
function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    logger.error(
      { err: error, method: req.method, url: req.originalUrl },
      `unexpected failure on ${req.method} ${req.originalUrl}: ${(error as Error)?.message ?? String(error)}`,
    );
    if (res.headersSent) return void res.end();
    const body = createProblem('internal_error', 'The server failed to answer; see its log.');
    res.status(500).type(problemContentType).send(JSON.stringify(body));
  };
}

/** Why an answer of 400 and up was given, for its log line. */
function whyOf(outcome: Outcome, prefer: string | string[] | undefined): RequestWhy | undefined {
  const { answer } = outcome;
  if (answer.status < 400) return undefined;
  const body = bodyOf(answer) as { detail?: unknown } | undefined;
  const first = outcome.request.violations[0];
  const reason = first ? `${first.message} [rule: ${first.rule}]` : typeof body?.detail === 'string' ? body.detail : undefined;
  const wanted = outcome.fault?.error === true || /\bcode\s*=\s*\d/.test(String(prefer ?? ''));
  return { reason, wanted };
}

function logControlFailure(logger: Logger, error: unknown): void {
  logger.error({ err: error }, `the control API could not be prepared: ${(error as Error)?.message ?? String(error)}`);
}
