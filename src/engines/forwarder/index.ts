import { sendWithToken, type TokenSource } from '../../credentials/tokenSource';
import { TokenRefusedError } from '../../credentials/tokenEndpoint';
import { createProblem } from '../../errors/problem';
import { SetupError } from '../../errors/setupError';
import { fillPath } from '../../spec/fillPath';
import type { Engine, EngineAnswer, EngineRequest } from '../../core/engine';
import { isJsonMediaType, mediaTypeOf } from '../../text/mediaType';

export interface ForwarderOptions {
  /** Base URL of the real deployment, up to but not including /api/v1. */
  upstream: string;
  /**
   * The proxy's own credentials, sent instead of the caller's: renewed before they expire, and once
   * when the upstream answers 401 to them.
   */
  tokens?: TokenSource;
  timeoutMs: number;
  /** Answers larger than this many bytes pass through as they arrive, unchecked. */
  maxValidateBytes: number;
}

/** Headers of the upstream's answer that reach the caller. */
const passedBack = ['www-authenticate', 'location', 'retry-after', 'allow'];

/**
 * The proxy's engine: forwards each request to the real deployment, with the caller's credentials
 * or the proxy's own, and hands back its answer as received, for the pipeline to check.
 */
export function createForwarder(options: ForwarderOptions): Engine {
  const base = options.upstream.replace(/\/+$/, '');
  const send = async (request: EngineRequest, url: string, token: string | undefined): Promise<Response> => {
    const headers: Record<string, string> = { Accept: header(request, 'accept') ?? 'application/json' };
    const authorization = token !== undefined ? `Bearer ${token}` : header(request, 'authorization');
    if (authorization) headers.Authorization = authorization;
    // The body goes as it came, byte for byte, whatever its media type.
    const contentType = header(request, 'content-type');
    if (request.rawBody !== undefined && contentType) headers['Content-Type'] = contentType;
    return fetch(url, {
      method: request.operation.method.toUpperCase(),
      headers,
      body: request.rawBody,
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'manual',
    });
  };
  return {
    name: 'proxy',
    async answer(request) {
      const url = `${base}${pathOf(request)}`;
      let response: Response;
      try {
        response = options.tokens
          ? (
              await sendWithToken(
                options.tokens,
                (token) => send(request, url, token),
                (sent) => sent.status === 401,
                async (sent) => void (await sent.body?.cancel()),
              )
            ).answer
          : await send(request, url, undefined);
      } catch (error) {
        // No token this time; the next request asks the token endpoint again. Its message is masked.
        if (error instanceof TokenRefusedError)
          return unavailable(
            `The token endpoint ${error.url} refused the proxy's credentials (${error.refusal}); the next request asks it again.`,
          );
        if (error instanceof SetupError) return unavailable(`The proxy has no upstream token: ${error.message}.`);
        return unavailable(`The upstream ${base} cannot be reached: ${reasonOf(error, options.timeoutMs)}.`);
      }
      try {
        return await toAnswer(response, options.maxValidateBytes);
      } catch (error) {
        return unavailable(`The upstream ${base} failed while answering: ${reasonOf(error, options.timeoutMs)}.`);
      }
    },
  };
}

function unavailable(detail: string): EngineAnswer {
  return { status: 502, body: createProblem('upstream_unavailable', detail), unchecked: true };
}

/** What went wrong, in a few words: a time-out, a socket error's code, or the message. */
function reasonOf(error: unknown, timeoutMs: number): string {
  if ((error as Error).name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = (error as Error).message;
  if (cause?.code) return cause.message && !cause.message.includes(cause.code) ? `${cause.code} (${cause.message})` : cause.code;
  return cause?.message ?? message;
}

/**
 * The upstream's answer: read whole and parsed for the check when it is at most `maxValidate`
 * bytes; otherwise passed through as it arrives (what was read so far first), unchecked.
 */
async function toAnswer(response: Response, maxValidate: number): Promise<EngineAnswer> {
  const contentType = mediaTypeOf(response.headers.get('content-type') ?? 'application/octet-stream');
  const headers = Object.fromEntries(
    passedBack.flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)!]] : [])),
  );
  const declared = Number(response.headers.get('content-length') ?? NaN);
  // fetch undoes a content-encoding, so the declared length is then not the length sent on.
  const length = Number.isFinite(declared) && !response.headers.has('content-encoding') ? declared : undefined;
  const chunks = (response.body ?? emptyBody())[Symbol.asyncIterator]();
  const read = length !== undefined && length > maxValidate ? { complete: false, first: [] } : await readUpTo(chunks, maxValidate);
  if (!read.complete) {
    const why = `too large to check (over ${maxValidate} bytes, --max-validate)`;
    return {
      kind: 'pass-through',
      status: response.status,
      contentType,
      headers,
      passThrough: { chunks: prepend(read.first, chunks), length, why },
    };
  }
  const text = Buffer.concat(read.first).toString('utf-8');
  let body: unknown = text;
  if (isJsonMediaType(contentType)) {
    try {
      body = JSON.parse(text);
    } catch {
      // Left as text: the check against the spec names what is wrong with it.
    }
  }
  return { kind: 'text', status: response.status, text, body, contentType, headers };
}

type Read = { complete: boolean; first: Uint8Array[] };

/** Reads chunks until the end, or until more than `max` bytes came (then the rest is left unread). */
async function readUpTo(iterator: AsyncIterator<Uint8Array>, max: number): Promise<Read> {
  const first: Uint8Array[] = [];
  let bytes = 0;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    first.push(next.value);
    bytes += next.value.length;
    if (bytes > max) return { complete: false, first };
  }
  return { complete: true, first };
}

async function* prepend(first: Uint8Array[], rest: AsyncIterator<Uint8Array>): AsyncIterable<Uint8Array> {
  yield* first;
  try {
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    // A caller that stops early (the client went away) cancels the upstream's answer.
    await rest.return?.();
  }
}

async function* emptyBody(): AsyncIterable<Uint8Array> {}

function pathOf(request: EngineRequest): string {
  const path = fillPath(request.operation.pathTemplate, request.pathParams);
  const query = new URLSearchParams(
    Object.entries(request.query).flatMap(([key, value]) =>
      Array.isArray(value) ? value.map((v) => [key, String(v)] as [string, string]) : [[key, String(value)] as [string, string]],
    ),
  ).toString();
  return query ? `${path}?${query}` : path;
}

function header(request: EngineRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
