import type { Request, Response } from 'express';
import pino, { type Logger } from 'pino';
import type { MockOptions } from '../options';

/** The mock's logger: readable lines on a terminal, JSON lines elsewhere, nothing when silent. */
export function createLogger(format: MockOptions['log'], stream: NodeJS.WritableStream = process.stdout): Logger {
  if (format === 'silent') return pino({ level: 'silent' });
  const readable = format === 'pretty' || (format === 'auto' && (stream as { isTTY?: boolean }).isTTY === true);
  // pino-pretty is loaded only when used: a JSON log's start does not wait for it. Its lines show the message
  // alone (one line per request); the message carries what matters, the JSON lines carry all.
  const pretty = readable ? (require('pino-pretty') as typeof import('pino-pretty')) : undefined;
  if (pretty)
    return pino(
      { base: undefined },
      pretty({ destination: stream, sync: true, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l', hideObject: true }),
    );
  return pino({ base: undefined }, stream);
}

/**
 * One log line per request: method, URL, status and time taken, and for an error answer why (the
 * first broken rule, or the problem's detail). Never headers, so a token never reaches the log.
 * A 5xx is logged as an error only when it is the mock's own: an injected fault or a status asked
 * for with `Prefer` is what the user wanted, a warning at most.
 */
export function logRequest(logger: Logger, method: string, url: string, status: number, ms: number, why?: RequestWhy): void {
  const level = status >= 500 ? (why?.wanted ? 'warn' : 'error') : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const rounded = Math.round(ms * 10) / 10;
  const reason = why?.reason ? `: ${why.reason}` : '';
  const fields: { method: string; url: string; status: number; ms: number; reason?: string } = { method, url, status, ms: rounded };
  if (why?.reason) fields.reason = why.reason;
  logger[level](fields, `${method} ${url} ${status} ${rounded}ms${reason}`);
}

/** Why an answer is an error: the first rule broken or the problem's detail, and whether it was asked for. */
export interface RequestWhy {
  reason?: string;
  /** An injected fault, or a status `Prefer: code=` asked for. */
  wanted?: boolean;
}

/**
 * The log line of a request the pipeline does not answer itself (the pages), once it is sent; the
 * function it returns takes it back, for a request the pages pass on to the pipeline, which logs it.
 */
export function pageRequestLog(logger: Logger): (req: Request, res: Response) => () => void {
  return (req, res) => {
    const started = performance.now();
    const log = () => logRequest(logger, req.method, req.originalUrl, res.statusCode, performance.now() - started);
    res.once('finish', log);
    return () => res.removeListener('finish', log);
  };
}
