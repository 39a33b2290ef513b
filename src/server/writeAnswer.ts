import { once } from 'node:events';
import type { Response } from 'express';
import type { PassThrough, StreamedList } from '../core/engine';
import { createProblem, problemContentType } from '../errors/problem';
import { mergeChecks, type ViolationList } from '../validator';
import type { Outcome } from '../core/pipeline';
import { openingOf } from '../core/wholeAnswer';

/** What was written, for the journal and the log. */
export interface Written {
  bytes: number;
  /** The text sent, when it was no larger than the `keepUpTo` asked for. */
  text?: string;
  /** How the answer broke the spec, when it was checked while written (a streamed list). */
  response?: ViolationList;
  /** Why the answer ended before its end: the client left, an item broke the spec, the upstream failed. */
  cut?: string;
  /** The outcome written instead: a streamed list broke the spec before anything of it was sent. */
  replaced?: Outcome;
}

/** Jobs per piece of a streamed list: pieces large enough to fill a socket, small enough that other requests are answered between two yields. */
const itemsPerPiece = 64;

/**
 * Writes an outcome: a body built at once, a list item by item, or bytes passed through from
 * elsewhere. Pieces respect back-pressure (a full socket buffer waits for 'drain') and leave the
 * event loop between them, so other requests are answered while a list of any size is sent.
 */
export async function writeAnswer(res: Response, outcome: Outcome, keepUpTo: number, headOnly: boolean): Promise<Written> {
  const { answer, contentType } = outcome;
  res.statusCode = answer.status;
  if (answer.headers) for (const name in answer.headers) res.setHeader(name, answer.headers[name]!);
  switch (answer.kind) {
    case 'stream':
      if (headOnly) return (setContentType(res, contentType), res.end(), { bytes: 0 });
      return writeList(res, outcome, answer.stream, keepUpTo);
    case 'pass-through':
      return writePassThrough(res, contentType, answer.passThrough);
    case 'text':
      return writeText(res, contentType, answer.text, undefined, keepUpTo, headOnly);
    default: {
      if (answer.body === undefined) return (res.end(), { bytes: 0 });
      const { text, bytes } = serializedOf(answer.body);
      return writeText(res, contentType, text, bytes, keepUpTo, headOnly);
    }
  }
}

/** A body of one piece: its text, and its bytes when they were encoded already. */
function writeText(
  res: Response,
  contentType: string,
  text: string,
  bytes: Buffer | undefined,
  keepUpTo: number,
  headOnly: boolean,
): Written {
  const length = bytes ? bytes.length : Buffer.byteLength(text);
  setContentType(res, contentType, true);
  res.setHeader('Content-Length', length);
  res.end(headOnly ? undefined : (bytes ?? text));
  return { bytes: length, text: length <= keepUpTo ? text : undefined };
}

/**
 * The Content-Type header Express writes for a media type (`application/json; charset=utf-8`),
 * worked out once per type; a text body names its charset, as `res.send` does.
 */
const contentTypes = new Map<string, string>();

function setContentType(res: Response, type: string, text = false): void {
  const key = text ? `text:${type}` : type;
  let value = contentTypes.get(key);
  if (value === undefined) {
    res.type(type);
    value = String(res.getHeader('Content-Type'));
    if (text && !/;\s*charset=/i.test(value)) value += '; charset=utf-8';
    if (contentTypes.size < 64) contentTypes.set(key, value);
  }
  res.setHeader('Content-Type', value);
}

async function writeList(res: Response, outcome: Outcome, list: StreamedList, keepUpTo: number): Promise<Written> {
  const items = list.items[Symbol.iterator]();
  let found: ViolationList = outcome.response ?? { violations: [], more: 0 };
  let kept: string[] | undefined = [];
  let bytes = 0;
  let index = 0;
  try {
    for (;;) {
      const parts: string[] = [];
      let done = false;
      while (parts.length < itemsPerPiece) {
        const next = items.next();
        if (next.done) {
          done = true;
          break;
        }
        if (outcome.checkItem) found = mergeChecks(found, outcome.checkItem(index, next.value.value));
        parts.push(next.value.json);
        index++;
      }
      if (outcome.replaceBroken && found.violations.length > 0) {
        if (!res.headersSent) {
          const replaced = outcome.replaceBroken(found);
          return { ...(await writeAnswer(res, replaced, keepUpTo, false)), replaced };
        }
        res.destroy();
        return { bytes, response: found, cut: 'an item broke the spec after the answer had begun: the connection was cut' };
      }
      const first = !res.headersSent;
      if (first) setContentType(res, outcome.contentType);
      const piece = (first ? openingOf(list) : parts.length > 0 ? ',' : '') + parts.join(',') + (done ? ']}' : '');
      bytes += Buffer.byteLength(piece);
      if (kept) kept = bytes <= keepUpTo ? (kept.push(piece), kept) : undefined;
      if (done) {
        res.end(piece);
        return { bytes, text: kept?.join(''), response: outcome.checkItem ? found : undefined };
      }
      if (!res.write(piece)) await drained(res);
      // Also when the socket took it all: a write completed at once emits 'drain' on the next tick,
      // which would never let other connections in.
      await new Promise((resolve) => setImmediate(resolve));
      if (res.destroyed) return { bytes, response: outcome.checkItem ? found : undefined, cut: 'the client went away' };
    }
  } finally {
    items.return?.();
  }
}

/**
 * Bytes from the upstream, written as they come. The first piece is awaited before the status goes
 * out, so an upstream that fails at once still gets a 502; one that fails later cuts the connection.
 */
async function writePassThrough(res: Response, contentType: string, body: PassThrough): Promise<Written> {
  const chunks = body.chunks[Symbol.asyncIterator]();
  let bytes = 0;
  try {
    let next = await chunks.next();
    setContentType(res, contentType);
    if (body.length !== undefined) res.setHeader('Content-Length', body.length);
    for (; !next.done; next = await chunks.next()) {
      bytes += next.value.length;
      if (!res.write(next.value)) await drained(res);
      if (res.destroyed) return { bytes, cut: 'the client went away' };
    }
    res.end();
    return { bytes };
  } catch (error) {
    const reason = `the upstream failed mid-answer after ${bytes} bytes: ${(error as Error).message}`;
    if (res.headersSent) {
      res.destroy();
      return { bytes, cut: reason };
    }
    res.removeHeader('Content-Length');
    const problem = createProblem('upstream_unavailable', `The upstream's answer could not be read: ${reason}.`);
    res.status(502).type(problemContentType).send(JSON.stringify(problem));
    return { bytes, cut: reason };
  } finally {
    void chunks.return?.();
  }
}

/** Resolves once the socket takes more, or is gone. */
async function drained(res: Response): Promise<void> {
  if (res.destroyed) return;
  const controller = new AbortController();
  const options = { signal: controller.signal };
  await Promise.race([once(res, 'drain', options), once(res, 'close', options)]).catch(() => undefined);
  // The listener of the event that did not come is removed.
  controller.abort();
}

/**
 * Answer bodies are never mutated, so the JSON of one served again is reused, not rebuilt: its
 * text (for the journal) and its UTF-8 bytes (for the socket, which would otherwise encode the text
 * at every answer).
 */
const serialized = new WeakMap<object, { text: string; bytes: Buffer }>();

function serializedOf(body: unknown): { text: string; bytes?: Buffer } {
  if (typeof body !== 'object' || body === null) return { text: JSON.stringify(body) };
  let found = serialized.get(body);
  if (found === undefined) {
    const text = JSON.stringify(body);
    found = { text, bytes: Buffer.from(text) };
    serialized.set(body, found);
  }
  return found;
}
