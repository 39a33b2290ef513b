import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { createProblem, problemContentType } from '../errors/problem';
import type { Journal } from '../state/journal';
import { corsMiddleware } from './cors';
import { handleRequest, type Outcome, type PipelineContext } from './pipeline';
import { logRequest, pageRequestLog } from './requestLog';

export interface AppContext {
  /** The API: the RPA spec's operations, answered by an engine. */
  api: PipelineContext;
  /**
   * The control API under /__mock, with its own spec; absent with --no-control. A promise, so that
   * preparing it does not delay the first answer of the API.
   */
  control?: Promise<PipelineContext & { document: object }>;
  /** Pages for people (/docs, /__mock/), mounted before the API. */
  pages?: express.Router;
  journal?: Journal;
  logger: Logger;
  corsOrigins: string[];
}

/** The HTTP edge: the one place that knows Express. Every answer goes through a pipeline. */
export function createApp(context: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(corsMiddleware(context.corsOrigins));
  const pages = context.pages;
  const pageLog = pageRequestLog(context.logger);
  if (pages) app.use((req, res, next) => (isPagePath(req.path) ? pageLog(req, res, () => pages(req, res, next)) : next()));
  const control = context.control;
  control?.catch((error: unknown) =>
    context.logger.error({ err: error }, `the control API could not be prepared: ${(error as Error)?.message ?? String(error)}`),
  );
  if (control) {
    // One handler, made once the control API is ready, serves every control request.
    const ready = control.then((pipeline) => ({ document: pipeline.document, handle: answer(pipeline, undefined, context.logger) }));
    ready.catch(() => undefined);
    app.use((req, res, next) => {
      if (!req.path.startsWith('/__mock/')) return next();
      ready.then(({ document, handle }) => {
        if (req.path === '/__mock/openapi.json' && req.method === 'GET') return void res.json(document);
        handle(req, res, next);
      }, next);
    });
  }
  app.use(answer(context.api, context.journal, context.logger));
  app.use(errorMiddleware(context.logger));
  return app;
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
  return (req, res, next) => {
    const started = performance.now();
    handleRequest(pipeline, req).then((outcome) => {
      const bytes = send(res, outcome);
      if (isInspectorPoll(req)) return;
      const durationMs = performance.now() - started;
      logRequest(logger, req.method, req.originalUrl, outcome.status, durationMs);
      report(logger, req.method, req.originalUrl, outcome, pipeline.requestCheck === 'report');
      journal?.record({
        at: new Date().toISOString(),
        method: req.method,
        url: req.originalUrl,
        operationId: outcome.operation?.operationId ?? null,
        status: outcome.status,
        durationMs: Math.round(durationMs * 10) / 10,
        request: { valid: outcome.requestViolations.length === 0, violations: outcome.requestViolations },
        // A huge answer (a list of thousands of jobs) is not kept for a later check.
        checkResponse: outcome.responseViolations
          ? () => outcome.responseViolations!
          : bytes > keptAnswerBytes
            ? () => null
            : outcome.checkResponse,
        ...(outcome.fault && (outcome.fault.error || outcome.fault.latencyMs > 0) ? { fault: outcome.fault } : {}),
      });
    }, next);
  };
}

/** The inspector page's polls: kept out of the journal they show, and out of the log. */
function isInspectorPoll(req: { headers: Record<string, unknown> }): boolean {
  return req.headers['x-rpa-mock-inspector'] === 'poll';
}

/** Injected faults and broken contracts get log lines of their own, each violation with its pointer and rule. */
function report(logger: Logger, method: string, url: string, outcome: Outcome, logRequestViolations: boolean): void {
  const { fault } = outcome;
  const faulted = fault !== undefined && (fault.error || fault.latencyMs > 0);
  if (!faulted && !outcome.responseViolations?.length && !(logRequestViolations && outcome.requestViolations.length > 0)) return;
  if (faulted)
    logger.warn({ fault }, `injected fault on ${method} ${url}: ${fault.latencyMs} ms latency${fault.error ? ', 500 answer' : ''}`);
  for (const [side, violations] of [
    ['request', logRequestViolations ? outcome.requestViolations : []],
    ['response', outcome.responseViolations ?? []],
  ] as const) {
    for (const v of violations)
      logger.warn(
        { side, pointer: v.pointer, rule: v.rule },
        `${side} of ${method} ${url} breaks the spec: ${v.message} [rule: ${v.rule}]`,
      );
  }
}

/** Answer bodies are never mutated, so the JSON of one served again is reused, not rebuilt. */
const serialized = new WeakMap<object, string>();

/** Answers larger than this are not kept in the journal for checking. */
const keptAnswerBytes = 1_000_000;

/** Writes the outcome; returns the length of the body in characters. */
function send(res: Response, outcome: Outcome): number {
  res.status(outcome.status);
  for (const [name, value] of Object.entries(outcome.headers ?? {})) res.setHeader(name, value);
  if (outcome.body === undefined && outcome.rawBody === undefined) return (void res.end(), 0);
  const text = outcome.rawBody ?? toJson(outcome.body);
  res.type(outcome.contentType).send(text);
  return text.length;
}

function toJson(body: unknown): string {
  if (typeof body !== 'object' || body === null) return JSON.stringify(body);
  let json = serialized.get(body);
  if (json === undefined) {
    json = JSON.stringify(body);
    serialized.set(body, json);
  }
  return json;
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
