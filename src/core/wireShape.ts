import type { EngineAnswer, StreamAnswer, TextAnswer, ValueAnswer } from './engine';
import { toWire } from '../spec/calibration/toWire';
import type { Operation } from '../spec/operations';
import { pageAnswer } from './pageAnswer';
import type { PlainRequest } from './plainRequest';

/**
 * An answer in the shape a calibrated spec gives the wire: the engines answer in documented names
 * and values, and the pipeline its errors as problems; each answer of an operation is mapped once,
 * here, onto the schema the spec declares for its status (wire names, envelope, spellings, types,
 * error media type and shape). So `serve --overlay F` serves what `verify --overlay F` expects, its
 * own 400s and 401s included, and the generators stay as they are. A text the engine kept (a short
 * list's) is of the documented shape, so the value is mapped and the text dropped; the tool's own
 * answers are left alone. A streamed list is built whole first: the envelope it is mapped onto may
 * not be the documented one (a bare array), so a calibrated mock sends lists in one piece.
 */
export function wireShape(operation: Operation, found: EngineAnswer, request: Pick<PlainRequest, 'path' | 'query'>): EngineAnswer {
  if (found.unchecked || found.kind === 'pass-through') return found;
  const wholeAnswer = valueOf(found);
  // A success the engine gives under the documented status (`_execute`'s 202) goes out under the tenant's.
  const success = wholeAnswer.status >= 200 && wholeAnswer.status < 300 && !operation.responses[String(wholeAnswer.status)];
  const answer = success ? { ...wholeAnswer, status: operation.successStatus } : wholeAnswer;
  const content = operation.responses[String(answer.status)]?.content ?? {};
  const mediaTypes = Object.keys(content);
  const wanted = answer.contentType ?? (answer.status >= 400 ? 'application/problem+json' : 'application/json');
  const contentType = mediaTypes.length === 0 || mediaTypes.includes(wanted) ? wanted : mediaTypes[0]!;
  // A list the tenant pages is answered a page at a time, as the tenant answers it.
  const paged =
    operation.paging && answer.status === operation.successStatus && answer.body && typeof answer.body === 'object'
      ? pageAnswer(operation.paging, answer.body as Record<string, unknown>, request)
      : undefined;
  if (!paged) return { ...answer, contentType, body: toWire(answer.body, content[contentType]?.schema) };
  const body = paged.decorate(toWire(paged.body, content[contentType]?.schema));
  return { ...answer, contentType, body, headers: { ...answer.headers, ...paged.headers } };
}

/** The answer as a value: a streamed list gathered into its body, a kept text dropped for its value. */
function valueOf(answer: ValueAnswer | TextAnswer | StreamAnswer): ValueAnswer {
  const { status, contentType, headers } = answer;
  if (answer.kind !== 'stream') return { status, contentType, headers, body: answer.body };
  const { head, property, items } = answer.stream;
  return { status, contentType, headers, body: { ...head, [property]: Array.from(items, (item) => item.value) } };
}
