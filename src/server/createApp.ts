import express, { type ErrorRequestHandler, type Express, type Response } from 'express';
import type { Logger } from 'pino';
import { createProblem, problemContentType } from '../errors/problem';
import { corsMiddleware } from './cors';
import { handleRequest, type Outcome, type PipelineContext } from './pipeline';
import { requestLog } from './requestLog';

export interface AppContext extends PipelineContext {
  logger: Logger;
  corsOrigins: string[];
}

/** The HTTP edge: the one place that knows Express. Everything it answers goes through the pipeline. */
export function createApp(context: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestLog(context.logger));
  app.use(corsMiddleware(context.corsOrigins));
  app.use((req, res, next) => {
    handleRequest(context, req).then((outcome) => {
      if (outcome.responseViolations) context.logger.warn({ errors: outcome.responseViolations }, 'response breaks the spec');
      send(res, outcome);
    }, next);
  });
  app.use(errorMiddleware(context.logger));
  return app;
}

/** Answer bodies are never mutated, so the JSON of one served again is reused, not rebuilt. */
const serialized = new WeakMap<object, string>();

function send(res: Response, outcome: Outcome): void {
  res.status(outcome.status);
  for (const [name, value] of Object.entries(outcome.headers ?? {})) res.setHeader(name, value);
  res.type(outcome.contentType).send(toJson(outcome.body));
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
    logger.error({ err: error, method: req.method, url: req.originalUrl }, 'unexpected failure');
    if (res.headersSent) return void res.end();
    const body = createProblem('internal_error', 'The server failed to answer; see its log.');
    res.status(500).type(problemContentType).send(JSON.stringify(body));
  };
}
