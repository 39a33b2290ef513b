import cors from 'cors';
import type { RequestHandler } from 'express';

/** localhost, 127.0.0.1 and [::1] on any port: where frontends under development run. */
const localOrigin = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * CORS for browser frontends: localhost origins always, others when listed ('*' for all).
 * Preflights allow the headers a client of this API sends, Authorization among them.
 */
export function corsMiddleware(extraOrigins: string[]): RequestHandler {
  const anyOrigin = extraOrigins.includes('*');
  return cors({
    origin: (origin, callback) =>
      callback(null, origin === undefined || anyOrigin || localOrigin.test(origin) || extraOrigins.includes(origin)),
    allowedHeaders: ['Authorization', 'Content-Type', 'Prefer', 'Accept', 'X-Rpa-Mock-Inspector'],
    exposedHeaders: ['Allow', 'WWW-Authenticate'],
    maxAge: 600,
  });
}
