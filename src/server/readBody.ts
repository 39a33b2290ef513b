import type { Request } from 'express';
import getRawBody from 'raw-body';
import { createProblem } from '../errors/problem';
import type { Problem } from '../spec/types';

export type BodyRead =
  | { kind: 'none'; contentType: undefined; value: undefined }
  | { kind: 'read'; contentType: string; value: unknown; raw?: Buffer }
  | { kind: 'problem'; problem: Problem };

const none: BodyRead = { kind: 'none', contentType: undefined, value: undefined };

/**
 * Reads a request body, if one was sent, up to `limit` bytes: its bytes as sent, and its value
 * when its media type is JSON. With `read` false (an operation that takes no body) it is left
 * unread, for validation to name. A body that is not JSON or is too large ends here as a problem.
 */
export async function readBody(req: Request, limit: number, read = true): Promise<BodyRead> {
  const length = req.headers['content-length'];
  const sent = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!sent) return none;
  const contentType = (req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
  if (!read) return { kind: 'read', contentType, value: undefined };
  let raw: Buffer;
  try {
    raw = await getRawBody(req, { length, limit });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large')
      return { kind: 'problem', problem: createProblem('payload_too_large', `The request body is larger than ${limit} bytes.`) };
    return {
      kind: 'problem',
      problem: createProblem('invalid_request', `The request body could not be read: ${(error as Error).message}.`),
    };
  }
  if (!/^application\/([\w.+-]+\+)?json$/.test(contentType)) return { kind: 'read', contentType, value: undefined, raw };
  const text = raw.toString('utf-8');
  if (text.trim() === '') return { kind: 'read', contentType, value: undefined, raw };
  try {
    return { kind: 'read', contentType, value: JSON.parse(text), raw };
  } catch (error) {
    const reason = (error as Error).message;
    return {
      kind: 'problem',
      problem: createProblem('invalid_request', 'The request body is not valid JSON.', [
        { location: 'body', pointer: '', rule: 'json', message: `request body is not valid JSON: ${reason}` },
      ]),
    };
  }
}
