/** One request and what came back, as the checks see it. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  /** The media type without parameters, or undefined when none was sent. */
  contentType: string | undefined;
  text: string;
  durationMs: number;
}

/** The server could not be reached, or did not answer in time: not a contract violation. */
export class ConnectionError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'timeout',
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

export interface RequestOptions {
  body?: unknown;
  /** 'default': the configured token; 'none': no Authorization header; or a token of the caller's. */
  auth?: 'default' | 'none' | { token: string };
}

export type Send = (method: string, pathAndQuery: string, options?: RequestOptions) => Promise<Exchange>;

/**
 * A small HTTP client for the checks: a time-out per request, and a bounded number of retries when
 * the connection fails (a server that hangs is reported, not waited on forever).
 */
export function createClient(config: { baseUrl: string; token: string | undefined; timeoutMs: number; retries: number }): Send {
  return async (method, pathAndQuery, options = {}) => {
    const url = `${config.baseUrl}${pathAndQuery}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    const auth = options.auth ?? 'default';
    const token = auth === 'default' ? config.token : auth === 'none' ? undefined : auth.token;
    if (token !== undefined) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      try {
        const response = await fetch(url, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(config.timeoutMs),
          redirect: 'manual',
        });
        const text = await response.text();
        const contentType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() || undefined;
        return { method, url, status: response.status, contentType, text, durationMs: performance.now() - started };
      } catch (error) {
        const name = (error as Error).name;
        if (name === 'TimeoutError' || name === 'AbortError') {
          throw new ConnectionError(`${method} ${url}: no answer within ${config.timeoutMs} ms`, 'timeout');
        }
        if (attempt >= config.retries) {
          const cause = (error as { cause?: { code?: string; message?: string } }).cause;
          throw new ConnectionError(
            `${method} ${url}: cannot connect (${cause?.code ?? cause?.message ?? (error as Error).message}) after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}`,
            'unreachable',
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
      }
    }
  };
}
