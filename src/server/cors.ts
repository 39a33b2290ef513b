import cors from 'cors';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import controlJson from '../spec/control.gen.json';

/** localhost, 127.0.0.1 and [::1] on any port: where frontends under development run. */
const localOrigin = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * CORS for browser frontends: localhost origins always, others when listed ('*' for all). A
 * preflight gets the headers it asks for and the methods the API takes (`methods`); a refused
 * origin is logged, once, with the flag that allows it. A request without `Origin` (curl, a
 * server) skips the work and only learns that answers vary by origin. `withCors(handler)` is
 * `handler` behind CORS.
 */
export function withCorsOf(extraOrigins: string[], methods: string[], logger: Logger): (handler: RequestHandler) => RequestHandler {
  const anyOrigin = extraOrigins.includes('*');
  const refused = new Set<string>();
  const allowed = (origin: string) => anyOrigin || localOrigin.test(origin) || extraOrigins.includes(origin);
  const handle = cors({
    origin: (origin, callback) => {
      const ok = origin === undefined || allowed(origin);
      if (!ok && !refused.has(origin!) && refused.size < 100) {
        refused.add(origin!);
        logger.warn({ origin }, `browser origin ${origin} refused by CORS: start with --cors-origin ${origin} to allow it`);
      }
      callback(null, ok);
    },
    methods,
    exposedHeaders: ['Allow', 'WWW-Authenticate'],
    maxAge: 600,
  });
  return (handler) => (req, res, next) => {
    if (req.headers.origin === undefined) {
      res.setHeader('Vary', 'Origin');
      return handler(req, res, next);
    }
    handle(req, res, (error?: unknown) => (error ? next(error) : handler(req, res, next)));
  };
}

/** The methods to allow: those of the API's operations, HEAD with GET, and the control API's when it is served. */
export function corsMethodsOf(operations: readonly { method: string }[], control: boolean): string[] {
  const controlMethods = control
    ? Object.values(controlJson.paths).flatMap((item) => Object.keys(item).filter((key) => key !== 'parameters'))
    : [];
  const methods = new Set([...operations.map((operation) => operation.method), ...controlMethods].map((method) => method.toUpperCase()));
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods];
}
