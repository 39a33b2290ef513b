import type { RequestHandler } from 'express';
import pino, { type Logger } from 'pino';
import type { MockOptions } from '../options';
import { isInspectorPoll } from './createApp';

/** The mock's logger: readable lines on a terminal, JSON lines elsewhere, nothing when silent. */
export function createLogger(format: MockOptions['log'], stream: NodeJS.WritableStream = process.stdout): Logger {
  if (format === 'silent') return pino({ level: 'silent' });
  const readable = format === 'pretty' || (format === 'auto' && (stream as { isTTY?: boolean }).isTTY === true);
  // pino-pretty is loaded only when used: it adds 25 ms to start-up.
  const pretty = readable ? (require('pino-pretty') as typeof import('pino-pretty')) : undefined;
  if (pretty) return pino({ base: undefined }, pretty({ destination: stream, sync: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' }));
  return pino({ base: undefined }, stream);
}

/**
 * One log line per request: method, URL, status and time taken. Never headers, so a token
 * never reaches the log.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    if (isInspectorPoll(req)) return next();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 };
      logger[res.statusCode >= 500 ? 'error' : 'info'](line, `${req.method} ${req.originalUrl} ${res.statusCode} ${line.ms}ms`);
    });
    next();
  };
}
