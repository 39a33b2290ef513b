import type { Request } from 'express';
import getRawBody from 'raw-body';
import { createProblem } from '../errors/problem';
import type { Problem } from '../spec/types';

export type BodyRead =
  | { kind: 'none'; contentType: undefined; value: undefined }
  | { kind: 'read'; contentType: string; value: unknown }
  | { kind: 'problem'; problem: Problem };

const none: BodyRead = { kind: 'none', contentType: undefined, value: undefined };

/**
 * Reads a request body, if one was sent, as JSON when its media type is JSON.
 * Another media type is passed on unread for validation to name; a body that is not JSON or is too
 * large ends here as a problem.
 */
export async function readBody(req: Request, limit: number): Promise<BodyRead> {
  const length = req.headers['content-length'];
  const sent = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!sent) return none;
  const contentType = (req.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
  if (!/^application\/([\w.+-]+\+)?json$/.test(contentType)) return { kind: 'read', contentType, value: undefined };
  let text: string;
  try {
    text = await getRawBody(req, { length, limit, encoding: 'utf-8' });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large')
      return { kind: 'problem', problem: createProblem('payload_too_large', `The request body is larger than ${limit} bytes.`) };
    return {
      kind: 'problem',
      problem: createProblem('invalid_request', `The request body could not be read: ${(error as Error).message}.`),
    };
  }
  if (text.trim() === '') return { kind: 'read', contentType, value: undefined };
  try {
    return { kind: 'read', contentType, value: JSON.parse(text) };
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
