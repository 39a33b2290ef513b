import { createProblem } from '../../errors/problem';
import { fillPath } from '../../spec/fillPath';
import type { Engine, EngineAnswer, EngineRequest } from '../engine';

export interface ForwarderOptions {
  /** Base URL of the real deployment, up to but not including /api/v1. */
  upstream: string;
  /** The token to send instead of the caller's, when the proxy has its own credentials. */
  token?: () => Promise<string | undefined>;
  /** Called once when the upstream answers 401 to the proxy's own token: get a fresh one. */
  refreshToken?: () => Promise<void>;
  timeoutMs: number;
}

/** Headers of the upstream's answer that reach the caller. */
const passedBack = ['www-authenticate', 'location', 'retry-after', 'allow'];

/**
 * The proxy's engine: forwards each request to the real deployment, with the caller's credentials
 * or the proxy's own, and hands back its answer as received, for the pipeline to check.
 */
export function createForwarder(options: ForwarderOptions): Engine {
  const base = options.upstream.replace(/\/+$/, '');
  const send = async (request: EngineRequest, url: string): Promise<Response> => {
    const headers: Record<string, string> = { Accept: header(request, 'accept') ?? 'application/json' };
    const token = options.token ? await options.token() : undefined;
    const authorization = token !== undefined ? `Bearer ${token}` : header(request, 'authorization');
    if (authorization) headers.Authorization = authorization;
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(url, {
      method: request.operation.method.toUpperCase(),
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
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
        response = await send(request, url);
        if (response.status === 401 && options.refreshToken) {
          await options.refreshToken();
          response = await send(request, url);
        }
      } catch (error) {
        const reason =
          (error as Error).name === 'TimeoutError'
            ? `no answer within ${options.timeoutMs} ms`
            : ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
        return {
          status: 502,
          body: createProblem('upstream_unavailable', `The upstream ${base} cannot be reached: ${reason}.`),
          unchecked: true,
        };
      }
      return toAnswer(response);
    },
  };
}

async function toAnswer(response: Response): Promise<EngineAnswer> {
  const text = await response.text();
  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? 'application/octet-stream';
  let body: unknown = text;
  if (/json/.test(contentType)) {
    try {
      body = JSON.parse(text);
    } catch {
      // Left as text: the check against the spec names what is wrong with it.
    }
  }
  const headers = Object.fromEntries(
    passedBack.flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)!]] : [])),
  );
  return { status: response.status, body, contentType, headers, rawBody: text };
}

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
