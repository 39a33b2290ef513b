import { createProblem } from '../errors/problem';
import type { Problem } from '../spec/types';
import type { BodySource } from './plainRequest';
import { isJsonMediaType, mediaTypeOf } from '../text/mediaType';

export type BodyRead =
  | { kind: 'none'; contentType: undefined; value: undefined }
  | { kind: 'read'; contentType: string; value: unknown; raw?: Uint8Array }
  | { kind: 'problem'; problem: Problem };

const none: BodyRead = { kind: 'none', contentType: undefined, value: undefined };
const decoder = new TextDecoder();

/**
 * Reads a request body, if one was sent, up to `limit` bytes: its bytes as sent, and its value
 * when its media type is JSON. With `read` false (an operation that takes no body) it is left
 * unread, for validation to name. A body that is not JSON or is too large ends here as a problem.
 */
export async function readBody(source: BodySource, contentTypeHeader: string | undefined, limit: number, read = true): Promise<BodyRead> {
  if (!source.sent) return none;
  const contentType = mediaTypeOf(contentTypeHeader ?? 'application/octet-stream');
  if (!read) return { kind: 'read', contentType, value: undefined };
  const bytes = await source.read(limit);
  if (bytes.kind === 'too-large')
    return { kind: 'problem', problem: createProblem('payload_too_large', `The request body is larger than ${limit} bytes.`) };
  if (bytes.kind === 'unreadable')
    return { kind: 'problem', problem: createProblem('invalid_request', `The request body could not be read: ${bytes.reason}.`) };
  const raw = bytes.bytes;
  if (!isJsonMediaType(contentType)) return { kind: 'read', contentType, value: undefined, raw };
  const text = decoder.decode(raw);
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
