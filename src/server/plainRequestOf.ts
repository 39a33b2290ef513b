import type { Request } from 'express';
import getRawBody from 'raw-body';
import type { BodySource, PlainRequest } from '../core/plainRequest';

/** The Express adapter's half of a request: the core pipeline's plain request, its body read from the stream. */
export function toPlainRequest(req: Request): PlainRequest {
  return { method: req.method, path: req.path, query: req.query as PlainRequest['query'], headers: req.headers, body: bodyOf(req) };
}

function bodyOf(req: Request): BodySource {
  const length = req.headers['content-length'];
  return {
    sent: req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0'),
    read: async (limit) => {
      try {
        return { kind: 'bytes', bytes: await getRawBody(req, { length, limit }) };
      } catch (error) {
        if ((error as { type?: string }).type === 'entity.too.large') return { kind: 'too-large' };
        return { kind: 'unreadable', reason: (error as Error).message };
      }
    },
  };
}
